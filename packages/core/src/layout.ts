import { isCalendarDate, SLUG_MAX_LENGTH, SLUG_PATTERN } from './model.ts';
import { codePoint, quote } from './text.ts';

export const PROJECTS_DIR = 'projects';
export const PROJECT_FILE = 'project.yml';
export const PROJECTS_INDEX = `${PROJECTS_DIR}/README.md`;

const UPDATE_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)\.md$/;

/** What a path under projects/ is, decided from its name alone. */
export type ProjectPath =
  | { kind: 'index' }
  | { kind: 'project'; folder: string }
  | { kind: 'readme'; folder: string }
  | { kind: 'update'; folder: string; date: string; topic: string }
  | { kind: 'bad-update-name'; folder: string; reason: string }
  | { kind: 'unexpected'; folder?: string; reason: string }
  | { kind: 'bad-folder'; folder: string }
  | { kind: 'outside' };

export function classifyPath(path: string): ProjectPath {
  const parts = path.split('/');
  if (parts[0] !== PROJECTS_DIR) return { kind: 'outside' };
  const folder = parts[1] ?? '';
  if (parts.some((part) => part === '' || part === '.' || part === '..')) {
    // A path that climbs out of its folder must not be read as part of any project.
    if (parts.length > 2 && slugProblem(folder)) return { kind: 'bad-folder', folder };
    return {
      kind: 'unexpected',
      reason: 'the path has empty, "." or ".." parts; name files plainly under projects/<slug>/',
    };
  }
  if (parts.length === 2) {
    if (folder === 'README.md') return { kind: 'index' };
    return {
      kind: 'unexpected',
      reason:
        'only README.md (the generated index) and project folders belong directly in projects/; put the file in a project folder',
    };
  }
  const rest = parts.slice(2);
  if (rest.length === 1 && rest[0] === PROJECT_FILE) return { kind: 'project', folder };
  if (rest.length === 1 && rest[0] === 'README.md') return { kind: 'readme', folder };
  if (rest.length === 2 && rest[0] === 'updates') {
    const name = rest[1] ?? '';
    const match = UPDATE_NAME.exec(name);
    const example = 'name it updates/YYYY-MM-DD-<topic>.md, like updates/2026-11-19-410m-scan-done.md';
    if (!match)
      return { kind: 'bad-update-name', folder, reason: `${quote(name)} is not a valid update name; ${example}` };
    const [, date = '', topic = ''] = match;
    if (!isCalendarDate(date)) {
      return {
        kind: 'bad-update-name',
        folder,
        reason: `${date} in ${quote(name)} is not a real calendar date; ${example}`,
      };
    }
    const bad = slugSyntaxProblem(topic);
    if (bad) return { kind: 'bad-update-name', folder, reason: `the topic ${quote(topic)} ${bad}; ${example}` };
    return { kind: 'update', folder, date, topic };
  }
  return {
    kind: 'unexpected',
    folder,
    reason:
      'a project folder holds only project.yml, README.md and updates/YYYY-MM-DD-<topic>.md; put code, notebooks and data in the project’s own repository and link it under links:',
  };
}

/** Folder names Circuitboard gives a meaning in the layout: a project named like one makes paths ambiguous. */
export const LAYOUT_NAMES: readonly string[] = [PROJECTS_DIR, 'events', 'updates'];

/** Names Windows keeps for devices: a file or folder called that cannot be created or checked out there. */
export const WINDOWS_DEVICE_NAMES: readonly string[] = [
  'con',
  'prn',
  'aux',
  'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
];

/** Why a well-formed slug still cannot name a folder (a layout or Windows device name), or undefined. */
export function reservedSlugProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (LAYOUT_NAMES.includes(lower)) {
    return `is a name Circuitboard gives its own folders (${LAYOUT_NAMES.map((n) => `${n}/`).join(', ')}), so paths like projects/${lower}/ would be ambiguous`;
  }
  if (WINDOWS_DEVICE_NAMES.includes(lower)) {
    return 'is a device name on Windows (con, prn, aux, nul, com1–com9, lpt1–lpt9), so a folder with that name cannot be checked out there';
  }
  return undefined;
}

/** Why `name` is not lowercase ASCII words joined by single hyphens (≤ 48 characters), or undefined. */
function slugSyntaxProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  const foreign = [...name].find((char) => char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x20);
  if (foreign) {
    return `contains ${quote(foreign)} (${codePoint(foreign)}), which is not an ASCII letter or digit (some look like Latin letters but are not)`;
  }
  if (name.length > SLUG_MAX_LENGTH) return `is ${name.length} characters long; the limit is ${SLUG_MAX_LENGTH}`;
  if (!SLUG_PATTERN.test(name)) return 'must be lowercase letters and digits joined by single hyphens';
  return undefined;
}

/**
 * Why `name` cannot be a project's folder name (its slug), or undefined: lowercase ASCII words joined by single
 * hyphens, at most 48 characters, and not a name the layout or Windows keeps for itself. Used by validate
 * (folders in projects/) and by the proposal form alike.
 */
export function slugProblem(name: string): string | undefined {
  return slugSyntaxProblem(name) ?? reservedSlugProblem(name);
}

/**
 * A slug suggestion for a bad folder name (`Induction_Heads` → `induction-heads`, `con` → `con-project`); none
 * when letters would be lost.
 */
export function suggestSlug(name: string): string | undefined {
  if (/[^\x20-\x7e]/.test(name)) return undefined;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
  if (slug.length === 0) return undefined;
  return reservedSlugProblem(slug) ? `${slug}-project` : slug;
}
