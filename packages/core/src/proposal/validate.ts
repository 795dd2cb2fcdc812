import { loadRegistry } from '../registry.ts';
import type { ProposalFieldId } from './form.ts';

export interface ProjectCheck {
  /** The form field the problem belongs to; `undefined` when it is about the proposal as a whole. */
  field: ProposalFieldId | undefined;
  severity: 'error' | 'warning';
  message: string;
}

/** The form field a project.yml path (`milestones.1.due`) came from. */
export function fieldOfPath(path: readonly string[]): ProposalFieldId | undefined {
  const [head] = path;
  switch (head) {
    case 'title':
    case 'summary':
    case 'tags':
    case 'links':
    case 'milestones':
    case 'help_wanted':
      return head;
    case 'research': {
      const part = path[1];
      return part === 'papers' || part === 'models' || part === 'datasets' || part === 'compute' ? part : undefined;
    }
    case 'leads':
    case 'members':
      return path[path.length - 1] === 'discord' ? 'discord' : 'leads';
    default:
      return undefined;
  }
}

/**
 * The files a proposal would add, loaded exactly as `circuitboard validate` loads a checkout: the
 * project schema, the project rules and the folder rules run on the very text that will be committed.
 */
export function checkProposalFiles(files: Readonly<Record<string, string>>, today: string): ProjectCheck[] {
  const registry = loadRegistry({ files: new Map(Object.entries(files)), symlinks: [] }, { today });
  return registry.diagnostics.map((d) => {
    const where = d.file.split('/').slice(2).join('/');
    return {
      field: d.field ? fieldOfPath(d.field.split('.')) : undefined,
      severity: d.severity,
      message: `in ${where || d.file}: ${d.message}`,
    };
  });
}
