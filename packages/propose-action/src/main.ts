import {
  handleProposalEvent,
  type ProposalAnnouncer,
  type ProposalEventInput,
  type ProposalGitHubPort,
  type ProposalRunResult,
  renderProposalSummary,
} from '@circuitboard/core/proposal';
import type { ProposeInputs } from './inputs.ts';

/** Everything main touches outside itself; index.ts builds the real ones, tests their own. */
export interface ProposeDeps {
  github: ProposalGitHubPort;
  discord?: ProposalAnnouncer;
  /** Writes the job summary (Markdown) once. */
  summary: (markdown: string) => Promise<void>;
  output: (name: 'slug' | 'state' | 'pull-request', value: string) => void;
  log: (line: string) => void;
  warn: (line: string) => void;
  now: () => Date;
}

/** One run: the event in, the proposal flow, then outputs and the job summary. Never reads process.env. */
export async function main(
  inputs: Pick<ProposeInputs, 'configPath' | 'templatePath'>,
  event: ProposalEventInput,
  deps: ProposeDeps,
): Promise<ProposalRunResult> {
  const result = await handleProposalEvent(
    event,
    { github: deps.github, ...(deps.discord ? { discord: deps.discord } : {}), log: deps.log },
    { today: deps.now().toISOString().slice(0, 10), configPath: inputs.configPath, templatePath: inputs.templatePath },
  );
  for (const warning of result.warnings) deps.warn(warning);
  if (result.state === 'ignored') deps.log(`nothing to do: ${result.reason ?? 'not a proposal event'}`);
  deps.output('slug', result.slug ?? '');
  deps.output('state', result.state);
  deps.output('pull-request', result.pullRequest?.url ?? '');
  await deps.summary(renderProposalSummary(result, { number: event.issue.number, url: event.issue.url }));
  return result;
}
