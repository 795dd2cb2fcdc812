import { slugProblem } from '../layout.ts';
import { GITHUB_LOGIN_PATTERN } from '../model.ts';
import { quote } from '../text.ts';

export const EVENTS_DIR = 'events';
export const CALENDAR_ICS = `${EVENTS_DIR}/calendar.ics`;
export const EVENTS_README = `${EVENTS_DIR}/README.md`;

/** What a path under events/ is, decided from its name alone. */
export type EventPath =
  | { kind: 'outside' }
  | { kind: 'generated' }
  | { kind: 'entry'; slug: string }
  | { kind: 'scores'; hackathon: string; judge: string }
  | { kind: 'hackathon-readme'; hackathon: string }
  | { kind: 'unexpected'; reason: string };

const LAYOUT =
  "events/ holds <slug>.yml files, a hackathon's <slug>/README.md and <slug>/scores/<judge>.yml, and the generated calendar.ics and README.md";

export function classifyEventPath(path: string): EventPath {
  const parts = path.split('/');
  if (parts[0] !== EVENTS_DIR) return { kind: 'outside' };
  if (parts.some((part) => part === '' || part === '.' || part === '..')) {
    return { kind: 'unexpected', reason: `the path has empty, "." or ".." parts; ${LAYOUT}` };
  }
  if (path === CALENDAR_ICS || path === EVENTS_README) return { kind: 'generated' };
  const [, first = '', second, third] = parts;
  if (parts.length === 2) {
    const match = /^(.*)\.(yml|yaml)$/.exec(first);
    if (!match) return { kind: 'unexpected', reason: `${quote(first)} does not belong here; ${LAYOUT}` };
    const slug = match[1] ?? '';
    if (match[2] === 'yaml') return { kind: 'unexpected', reason: `name the file ${slug}.yml (with .yml, not .yaml)` };
    const problem = slugProblem(slug);
    if (problem) {
      return {
        kind: 'unexpected',
        reason: `the file name ${quote(slug)} ${problem}; the name is the event's slug, like reading-group.yml`,
      };
    }
    return { kind: 'entry', slug };
  }
  const folderProblem = slugProblem(first);
  if (folderProblem) {
    return { kind: 'unexpected', reason: `the folder name ${quote(first)} ${folderProblem}; ${LAYOUT}` };
  }
  if (parts.length === 3 && second === 'README.md') return { kind: 'hackathon-readme', hackathon: first };
  if (parts.length === 4 && second === 'scores') {
    const match = /^(.*)\.yml$/.exec(third ?? '');
    const judge = match?.[1] ?? '';
    if (!match || !GITHUB_LOGIN_PATTERN.test(judge)) {
      return {
        kind: 'unexpected',
        reason: `a judge's scores are named after their GitHub username, like events/${first}/scores/alice.yml; ${quote(third ?? '')} is not`,
      };
    }
    return { kind: 'scores', hackathon: first, judge };
  }
  return { kind: 'unexpected', reason: LAYOUT };
}
