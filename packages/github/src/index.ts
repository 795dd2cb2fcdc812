export * from './octokit.ts';
