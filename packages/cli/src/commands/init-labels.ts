import { createOctokit, ensureLabels, githubEndpointsFromEnv } from '@circuitboard/github';
import { loadCommunityConfig } from '../checkout.ts';
import { type CliIo, UsageError } from '../io.ts';

/** `circuitboard init --labels`: creates the proposal labels named in the new config. */
export async function createLabelsForInit(dir: string, repoArg: string | undefined, io: CliIo): Promise<void> {
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token)
    throw new UsageError('--labels needs a token: set GITHUB_TOKEN (or GH_TOKEN) with permission to write issues');
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repoArg ?? '');
  if (!match) throw new UsageError('--labels needs --repo OWNER/NAME, for example --repo my-lab/projects');
  const { config } = await loadCommunityConfig(dir);
  const { baseUrl, graphqlUrl } = githubEndpointsFromEnv(io.env);
  const octokit = createOctokit({ token, baseUrl, graphqlUrl });
  const labels = config.proposals.labels;
  const result = await ensureLabels(octokit, { owner: match[1]!, repo: match[2]! }, [
    { name: labels.proposal, color: '0e8a16', description: 'A proposed community research project' },
    { name: labels.needs_changes, color: 'fbca04', description: 'The proposal form needs a few fixes' },
    { name: labels.ready, color: '1d76db', description: 'Ready for a maintainer to review' },
    { name: labels.approved, color: '5319e7', description: 'Approved; a pull request adds the project' },
    { name: labels.rejected, color: 'cfd3d7', description: 'Not taken up this time' },
  ]);
  for (const name of result.created) io.stdout(`label   ${name} (created)\n`);
  for (const name of result.existing) io.stdout(`label   ${name} (already there)\n`);
}
