import type { Octokit } from './octokit.ts';

export interface RepositoryRef {
  owner: string;
  repo: string;
}

export interface LabelSpec {
  name: string;
  color: string;
  description?: string;
}

/** GitHub's own limits for labels: names up to 50 characters, descriptions up to 100. */
export const LABEL_LIMITS = { name: 50, description: 100 } as const;

/** Creates the labels that do not exist yet (one paginated list, then one POST per missing label). */
export async function ensureLabels(
  octokit: Octokit,
  repository: RepositoryRef,
  labels: LabelSpec[],
): Promise<{ created: string[]; existing: string[] }> {
  const present = new Set(
    (await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...repository, per_page: 100 })).map((label) =>
      label.name.toLowerCase(),
    ),
  );
  const created: string[] = [];
  const existing: string[] = [];
  for (const label of labels) {
    if (present.has(label.name.toLowerCase())) {
      existing.push(label.name);
      continue;
    }
    await octokit.rest.issues.createLabel({
      ...repository,
      name: label.name.slice(0, LABEL_LIMITS.name),
      color: label.color,
      ...(label.description ? { description: label.description.slice(0, LABEL_LIMITS.description) } : {}),
    });
    created.push(label.name);
  }
  return { created, existing };
}
