import type {
  GitHubLabelOp,
  GitHubMilestoneOp,
  GitHubMilestoneSweepOp,
  GitHubSyncPort,
  Outcome,
} from '@circuitboard/core/sync';
import { DeliveryError } from '@circuitboard/core/sync';
import { classifyGitHubError, isAlreadyExists, type RepoRef, statusOf } from './gateway.ts';
import { fitLabelName, fitText, GITHUB_LIMITS, type WritePacer } from './mirror-limits.ts';
import type { Octokit } from './octokit.ts';

export interface GitHubMirrorOptions extends RepoRef {
  octokit: Octokit;
  /** Paces content-creating requests; share one with the ledger store. */
  pacer?: WritePacer;
  log?: (line: string) => void;
}

interface Label {
  name: string;
  color: string;
  description: string | null;
}

interface MilestoneRow {
  number: number;
  title: string;
  state: 'open' | 'closed';
  description: string | null;
  due_on: string | null;
}

export interface GitHubMirror extends GitHubSyncPort {
  readonly stats: { reads: number; writes: number };
}

/**
 * GitHub labels and milestones kept equal to projects/: lists both once per run (paginated), then writes only
 * what differs, so a run with nothing new writes nothing. Milestones are found again by the marker in their
 * description (or their title), so a re-run updates instead of duplicating. A create whose answer was lost is
 * looked up before it is tried again.
 */
export function createGitHubMirror(options: GitHubMirrorOptions): GitHubMirror {
  const { octokit, owner, repo } = options;
  const stats = { reads: 0, writes: 0 };
  let labels: Promise<Map<string, Label>> | undefined;
  let milestones: Promise<MilestoneRow[]> | undefined;

  const write = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
    try {
      await options.pacer?.wait();
    } catch (error) {
      // Out of budget for this hour: stop writing to GitHub in this run, the next run goes on.
      throw new DeliveryError(`could not ${what}: ${(error as Error).message}`, 'target');
    }
    stats.writes += 1;
    try {
      return await send();
    } catch (error) {
      throw classifyGitHubError(error, what);
    }
  };

  function listLabels(): Promise<Map<string, Label>> {
    labels ??= (async () => {
      try {
        const all = await octokit.paginate(
          octokit.rest.issues.listLabelsForRepo,
          { owner, repo, per_page: 100 },
          (response) => {
            stats.reads += 1;
            return response.data;
          },
        );
        return new Map(
          all.map((l) => [l.name.toLowerCase(), { name: l.name, color: l.color, description: l.description }]),
        );
      } catch (error) {
        labels = undefined;
        throw classifyGitHubError(error, 'list the labels');
      }
    })();
    return labels;
  }

  function listMilestones(): Promise<MilestoneRow[]> {
    milestones ??= (async () => {
      try {
        return await octokit.paginate(
          octokit.rest.issues.listMilestones,
          { owner, repo, state: 'all', per_page: 100 },
          (response) => {
            stats.reads += 1;
            return response.data.map((m) => ({
              number: m.number,
              title: m.title,
              state: m.state as 'open' | 'closed',
              description: m.description,
              due_on: m.due_on,
            }));
          },
        );
      } catch (error) {
        milestones = undefined;
        throw classifyGitHubError(error, 'list the milestones');
      }
    })();
    return milestones;
  }

  function findMilestone(rows: MilestoneRow[], op: GitHubMilestoneOp, title: string): MilestoneRow | undefined {
    const marked = rows.find((m) => (m.description ?? '').split(/\s+/).includes(op.marker));
    return marked ?? rows.find((m) => m.title === title);
  }

  function milestoneBody(op: GitHubMilestoneOp) {
    return {
      title: fitText(op.title, GITHUB_LIMITS.milestoneTitle),
      state: op.state,
      // The marker is the last line, so it survives the cut.
      description: fitDescription(op.description, op.marker),
      due_on: op.dueOn ?? null,
    };
  }

  async function updateMilestone(row: MilestoneRow, op: GitHubMilestoneOp): Promise<Outcome> {
    const want = milestoneBody(op);
    const patch: Record<string, unknown> = {};
    if (row.title !== want.title) patch.title = want.title;
    if (row.state !== want.state) patch.state = want.state;
    if ((row.description ?? '') !== want.description) patch.description = want.description;
    // GitHub keeps the day and may answer another hour: compare days only.
    if ((row.due_on ?? '').slice(0, 10) !== (want.due_on ?? '').slice(0, 10)) patch.due_on = want.due_on;
    if (Object.keys(patch).length === 0) return 'unchanged';
    const { data } = await write(`update the milestone "${want.title}"`, () =>
      octokit.rest.issues.updateMilestone({ owner, repo, milestone_number: row.number, ...patch }),
    );
    Object.assign(row, { title: data.title, state: data.state, description: data.description, due_on: data.due_on });
    return 'updated';
  }

  return {
    stats,

    async ensureLabel(op: GitHubLabelOp): Promise<Outcome> {
      const name = fitLabelName(op.name);
      const description = fitText(op.description, GITHUB_LIMITS.labelDescription);
      const color = op.color.toLowerCase();
      const all = await listLabels();
      let current = all.get(name.toLowerCase());
      if (!current) {
        try {
          await write(`create the label ${name}`, () =>
            octokit.rest.issues.createLabel({ owner, repo, name, color, description }),
          );
          all.set(name.toLowerCase(), { name, color, description });
          return 'created';
        } catch (error) {
          // Already there (a lost answer, or another run): read it and fall through to the compare.
          if (
            !isAlreadyExists((error as { cause?: unknown }).cause) &&
            (error as { kind?: string }).kind !== 'ambiguous'
          )
            throw error;
          try {
            stats.reads += 1;
            const { data } = await octokit.rest.issues.getLabel({ owner, repo, name });
            current = { name: data.name, color: data.color, description: data.description };
            all.set(name.toLowerCase(), current);
          } catch (lookup) {
            if (statusOf(lookup) !== 404) throw classifyGitHubError(lookup, `read the label ${name}`);
            await write(`create the label ${name}`, () =>
              octokit.rest.issues.createLabel({ owner, repo, name, color, description }),
            );
            all.set(name.toLowerCase(), { name, color, description });
            return 'created';
          }
        }
      }
      if (current.name === name && current.color.toLowerCase() === color && (current.description ?? '') === description)
        return 'unchanged';
      await write(`update the label ${name}`, () =>
        octokit.rest.issues.updateLabel({ owner, repo, name: current.name, new_name: name, color, description }),
      );
      all.set(name.toLowerCase(), { name, color, description });
      return 'updated';
    },

    async ensureMilestone(op: GitHubMilestoneOp): Promise<Outcome> {
      const want = milestoneBody(op);
      let rows = await listMilestones();
      const found = findMilestone(rows, op, want.title);
      if (found) return updateMilestone(found, op);
      for (let attempt = 0; ; attempt++) {
        try {
          const { data } = await write(`create the milestone "${want.title}"`, () =>
            octokit.rest.issues.createMilestone({
              owner,
              repo,
              title: want.title,
              state: want.state,
              description: want.description,
              ...(want.due_on ? { due_on: want.due_on } : {}),
            }),
          );
          rows.push({
            number: data.number,
            title: data.title,
            state: data.state as 'open' | 'closed',
            description: data.description,
            due_on: data.due_on,
          });
          return 'created';
        } catch (error) {
          const kind = (error as { kind?: string }).kind;
          const exists = isAlreadyExists((error as { cause?: unknown }).cause);
          if ((kind !== 'ambiguous' && !exists) || attempt >= 1) throw error;
          // The create may have happened, or a milestone with this title exists: list again and look.
          milestones = undefined;
          rows = await listMilestones();
          const again = findMilestone(rows, op, want.title);
          if (again) {
            const outcome = await updateMilestone(again, op);
            return exists && outcome === 'unchanged' ? 'unchanged' : 'created';
          }
        }
      }
    },

    async hasSyncedBefore(): Promise<boolean> {
      return (await listMilestones()).some((row) => markerOf(row.description) !== undefined);
    },

    async closeRemovedMilestones(op: GitHubMilestoneSweepOp): Promise<string[]> {
      const keep = new Set(op.keep);
      const skip = new Set(op.skipSlugs);
      const closed: string[] = [];
      for (const row of await listMilestones()) {
        const found = markerOf(row.description);
        if (row.state !== 'open' || !found || keep.has(found.marker) || skip.has(found.slug)) continue;
        const note = removedNote(found.slug);
        const text = row.description ?? '';
        const description = fitDescription(text.startsWith(note) ? text : `${note}\n\n${text}`, found.marker);
        const { data } = await write(`close the milestone "${row.title}" (removed from projects/)`, () =>
          octokit.rest.issues.updateMilestone({
            owner,
            repo,
            milestone_number: row.number,
            state: 'closed',
            description,
          }),
        );
        Object.assign(row, { state: data.state, description: data.description });
        closed.push(row.title);
      }
      return closed;
    },
  };
}

/** `circuitboard:<slug>/<milestone>`, the marker milestone descriptions end with (plan.ts, milestoneMarker). */
const MARKER = /^circuitboard:([a-z0-9]+(?:-[a-z0-9]+)*)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The marker in a milestone's description, with its project's slug; undefined for milestones people made. */
function markerOf(description: string | null): { marker: string; slug: string } | undefined {
  for (const word of (description ?? '').split(/\s+/)) {
    const match = MARKER.exec(word);
    if (match) return { marker: word, slug: match[1]! };
  }
  return undefined;
}

/** Said first in the description of a milestone closed because it left projects/. */
function removedNote(slug: string): string {
  return `Removed from projects/${slug}/project.yml, so Circuitboard closed it. Add it back there to open it again.`;
}

function fitDescription(description: string, marker: string): string {
  if (description.length <= GITHUB_LIMITS.milestoneDescription) return description;
  const tail = `\n\n${marker}`;
  const head = description.endsWith(tail) ? description.slice(0, -tail.length) : description;
  return `${fitText(head, GITHUB_LIMITS.milestoneDescription - tail.length)}${tail}`;
}
