import { utcToday } from './dates.ts';
import { compareDiagnostics, type Diagnostic } from './diagnostics.ts';
import { classifyPath, PROJECT_FILE, PROJECTS_DIR, slugProblem, suggestSlug } from './layout.ts';
import { parseProjectYaml } from './load.ts';
import type { Project } from './model.ts';
import { codePoint, findSuspiciousCharacter, quote } from './text.ts';
import { type DecodedText, decodeUtf8, notUtf8Diagnostic, type Utf8Problem } from './utf8.ts';

/** Files under projects/ beyond this size are not read at all (project.yml has its own, smaller cap). */
export const MAX_TREE_FILE_BYTES = 1024 * 1024;

/** A snapshot of `projects/`, from the checkout or from a commit. */
export interface ProjectTree {
  /** Repository-relative POSIX paths (e.g. `projects/foo/project.yml`) → UTF-8 content. */
  files: Map<string, string>;
  /** Repository-relative paths that are symbolic links (never followed). */
  symlinks: string[];
  /** Other entries that are neither regular files nor folders: submodules, pipes, sockets, devices. */
  other?: string[];
  /** Files left unread because they are over {@link MAX_TREE_FILE_BYTES}, with their size in bytes. */
  tooLarge?: Map<string, number>;
  /** Files whose bytes are not UTF-8, with where the first bad byte is; readers fill it through {@link addTreeFile}. */
  notUtf8?: Map<string, Utf8Problem>;
}

/**
 * Puts a file read as bytes (or already decoded, by {@link decodeUtf8}) into the tree: its text when it is UTF-8,
 * otherwise where it stops being UTF-8.
 */
export function addTreeFile(tree: ProjectTree, path: string, content: Uint8Array | DecodedText): void {
  const decoded = content instanceof Uint8Array ? decodeUtf8(content) : content;
  if (decoded.problem) {
    tree.notUtf8 ??= new Map();
    tree.notUtf8.set(path, decoded.problem);
  } else tree.files.set(path, decoded.text);
}

export interface ProjectUpdate {
  /** Project slug. */
  project: string;
  /** `projects/<slug>/updates/YYYY-MM-DD-<topic>.md` */
  path: string;
  /** YYYY-MM-DD, from the file name. */
  date: string;
  topic: string;
  /** Text of the first Markdown heading, if any. */
  heading?: string;
  /** The Markdown after that heading when the file starts with it, otherwise the whole file; trimmed. */
  body: string;
}

export interface LoadedProject {
  slug: string;
  /** `projects/<slug>/project.yml` */
  path: string;
  project: Project;
}

export interface Registry {
  /** Valid projects, by slug. */
  projects: LoadedProject[];
  /** Updates of every correctly named project folder, oldest first. */
  updates: ProjectUpdate[];
  diagnostics: Diagnostic[];
  /** Slugs of folders whose project.yml is present but did not load; diffs treat them as unchanged. */
  invalid?: string[];
}

/** Parsed project.yml files keyed by path, date and content, so walking many commits parses each version once. */
export class ProjectCache {
  private readonly entries = new Map<string, ReturnType<typeof parseProjectYaml>>();

  parse(text: string, file: string, today: string): ReturnType<typeof parseProjectYaml> {
    const key = `${file}\u0000${today}\u0000${text}`;
    let parsed = this.entries.get(key);
    if (!parsed) {
      parsed = parseProjectYaml(text, file, { today });
      this.entries.set(key, parsed);
    }
    return parsed;
  }
}

export interface RegistryOptions {
  /** YYYY-MM-DD; `done` dates after it are refused. Defaults to today in UTC. */
  today?: string;
  /** Report diagnostics only for these repository-relative files or folders (projects are still all loaded). */
  only?: string[];
  cache?: ProjectCache;
}

interface Folder {
  files: string[];
  projectFile?: string;
  symlinkedProjectFile?: boolean;
  updates: { path: string; date: string; topic: string }[];
}

/** Loads every project under projects/ and applies the whole-tree rules. Pure and never throws. */
export function loadRegistry(tree: ProjectTree, options: RegistryOptions = {}): Registry {
  const today = options.today ?? utcToday();
  const diagnostics: Diagnostic[] = [];
  const folders = new Map<string, Folder>();
  const folder = (name: string): Folder => {
    let found = folders.get(name);
    if (!found) {
      found = { files: [], updates: [] };
      folders.set(name, found);
    }
    return found;
  };
  const atStart = (file: string, rule: string, message: string): Diagnostic => ({
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule,
    message,
  });

  // Files that are not UTF-8 are placed like any other (names checked, the project's file found) but not read.
  for (const path of [...tree.files.keys(), ...(tree.notUtf8?.keys() ?? [])].sort()) {
    const kind = classifyPath(path);
    switch (kind.kind) {
      case 'outside':
      case 'index':
        break;
      case 'project':
        folder(kind.folder).files.push(path);
        folder(kind.folder).projectFile = path;
        break;
      case 'readme':
        folder(kind.folder).files.push(path);
        break;
      case 'update':
        folder(kind.folder).files.push(path);
        folder(kind.folder).updates.push({ path, date: kind.date, topic: kind.topic });
        break;
      case 'bad-update-name':
        folder(kind.folder).files.push(path);
        diagnostics.push(atStart(path, 'update-name', kind.reason));
        break;
      case 'bad-folder':
        diagnostics.push(
          atStart(
            path,
            'slug-folder',
            `the folder name ${quote(kind.folder)} ${slugProblem(kind.folder)}; project folders are named with a slug like induction-heads, directly under projects/`,
          ),
        );
        break;
      case 'unexpected':
        if (kind.folder !== undefined) folder(kind.folder).files.push(path);
        diagnostics.push(atStart(path, 'unexpected-file', `${path}: ${kind.reason}`));
        break;
    }
  }
  for (const path of [...tree.symlinks].sort()) {
    if (!path.startsWith(`${PROJECTS_DIR}/`)) continue;
    const parts = path.split('/');
    if (parts.length >= 3 && parts[1]) {
      folder(parts[1]).files.push(path);
      if (parts.length === 3 && parts[2] === PROJECT_FILE) folder(parts[1]).symlinkedProjectFile = true;
    }
    diagnostics.push(
      atStart(
        path,
        'symlink',
        `${path} is a symbolic link; links are never followed, so commit the file itself (or remove it)`,
      ),
    );
  }
  for (const path of [...(tree.other ?? [])].sort()) {
    diagnostics.push(
      atStart(
        path,
        'unexpected-file',
        `${path} is not a regular file (a submodule, pipe or device); remove it and link what it points to under links:`,
      ),
    );
  }
  for (const [path, problem] of tree.notUtf8 ?? []) diagnostics.push(notUtf8Diagnostic(path, problem));
  for (const [path, size] of tree.tooLarge ?? []) {
    diagnostics.push(
      atStart(
        path,
        'file-too-large',
        `${path} is ${size.toLocaleString('en')} bytes, over the limit of ${MAX_TREE_FILE_BYTES.toLocaleString('en')} bytes; keep large files in the project's own repository and link them`,
      ),
    );
  }

  const projects: LoadedProject[] = [];
  const updates: ProjectUpdate[] = [];
  const invalid: string[] = [];
  for (const name of [...folders.keys()].sort()) {
    const entry = folders.get(name) as Folder;
    const anchor = entry.projectFile ?? entry.files.sort()[0] ?? `${PROJECTS_DIR}/${name}`;
    const problem = slugProblem(name);
    if (problem) {
      const suggestion = suggestSlug(name);
      diagnostics.push(
        atStart(
          anchor,
          'slug-folder',
          `the folder name ${quote(name)} ${problem}; the folder name is the project's slug, so rename the folder${suggestion ? ` to ${suggestion}` : ' using a–z, 0–9 and hyphens'}`,
        ),
      );
    }
    if (!entry.projectFile) {
      if (!entry.symlinkedProjectFile && !tree.tooLarge?.has(`${PROJECTS_DIR}/${name}/${PROJECT_FILE}`)) {
        diagnostics.push(
          atStart(
            anchor,
            'missing-project-file',
            `${PROJECTS_DIR}/${name}/ has no ${PROJECT_FILE}; add one (see docs/projects.md) or remove the folder`,
          ),
        );
      }
      continue;
    }
    const text = tree.files.get(entry.projectFile);
    const parsed: ReturnType<typeof parseProjectYaml> =
      text === undefined
        ? { diagnostics: [] } // not UTF-8: reported above, and the project did not load
        : options.cache
          ? options.cache.parse(text, entry.projectFile, today)
          : parseProjectYaml(text, entry.projectFile, { today });
    diagnostics.push(...parsed.diagnostics);
    if (problem) continue;
    if (parsed.project) projects.push({ slug: name, path: entry.projectFile, project: parsed.project });
    else invalid.push(name);
    for (const update of entry.updates) {
      if (tree.notUtf8?.has(update.path)) continue;
      const read = readUpdate(tree.files.get(update.path) ?? '');
      if (read.suspicious) diagnostics.push({ file: update.path, ...read.suspicious });
      updates.push({ project: name, ...update, ...read.update });
    }
  }
  updates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const shown = options.only ? diagnostics.filter((d) => within(d.file, options.only ?? [])) : diagnostics;
  const registry: Registry = { projects, updates, diagnostics: shown.sort(compareDiagnostics) };
  if (invalid.length > 0) registry.invalid = invalid;
  return registry;
}

function within(file: string, only: readonly string[]): boolean {
  return only.some((raw) => {
    const prefix = raw.replace(/\/+$/, '');
    return prefix === '' || prefix === '.' || file === prefix || file.startsWith(`${prefix}/`);
  });
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/** The first ATX heading (outside code fences) and the body after it. */
function readUpdate(text: string): {
  update: { heading?: string; body: string };
  suspicious?: Omit<Diagnostic, 'file'>;
} {
  const lines = text.split(/\r?\n/);
  let fenced = false;
  let firstContent = -1;
  for (const [i, line] of lines.entries()) {
    if (firstContent < 0 && line.trim() !== '') firstContent = i;
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced) continue;
    const match = HEADING.exec(line);
    if (!match) continue;
    const heading = (match[2] ?? '').trim();
    const body = (i === firstContent ? lines.slice(i + 1).join('\n') : text).trim();
    const found = findSuspiciousCharacter(heading);
    const update = heading ? { heading, body } : { body };
    if (!found) return { update };
    const column = line.indexOf(found.char) + 1;
    return {
      update,
      suspicious: {
        line: i + 1,
        column,
        severity: 'error',
        rule: found.rule,
        message: `the heading contains ${found.rule === 'bidi-control' ? 'a bidirectional control character' : 'an invisible or control character'} (${codePoint(found.char)}), which can make text display differently from what it says; delete it and retype the text around it`,
      },
    };
  }
  return { update: { body: text.trim() } };
}
