export * from './octokit.ts';
export * from './labels.ts';
