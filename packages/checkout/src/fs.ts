import { closeSync, constants, type Dirent, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addTreeFile, MAX_TREE_FILE_BYTES, PROJECTS_DIR, type ProjectTree } from '@circuitboard/core';

/** Operating-system litter that is never committed; reporting it would only confuse local runs. */
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * Reads everything under `<repoRoot>/projects` into a {@link ProjectTree}. Entries are examined
 * with lstat semantics: symbolic links are reported, never followed. A missing projects/ folder
 * gives an empty tree. Files are read as bytes and decoded by core: one that is not UTF-8 is listed
 * in `notUtf8`, never read with U+FFFD in place of its bad bytes. The reads are synchronous on
 * purpose: for thousands of small files that is several times faster than a thread-pool round trip
 * per call, and this walk is the whole job.
 */
export async function readProjectTree(repoRoot: string): Promise<ProjectTree> {
  const tree: ProjectTree = { files: new Map(), symlinks: [], other: [], tooLarge: new Map() };
  const regular: string[] = [];
  const pending = [PROJECTS_DIR];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(repoRoot, ...dir.split('/')), { withFileTypes: true });
    } catch (error) {
      if (dir === PROJECTS_DIR && (error as NodeJS.ErrnoException).code === 'ENOENT') return finish(tree);
      throw error;
    }
    for (const entry of entries) {
      if (IGNORED_NAMES.has(entry.name)) continue;
      const rel = `${dir}/${entry.name}`;
      if (entry.isSymbolicLink()) tree.symlinks.push(rel);
      else if (entry.isDirectory()) pending.push(rel);
      else if (entry.isFile()) regular.push(rel);
      else tree.other?.push(rel);
    }
  }
  for (const rel of regular) readRegular(repoRoot, rel, tree);
  return finish(tree);
}

function readRegular(repoRoot: string, rel: string, tree: ProjectTree): void {
  let fd: number;
  try {
    // O_NOFOLLOW: a file swapped for a symlink after readdir is refused instead of followed.
    fd = openSync(path.join(repoRoot, ...rel.split('/')), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') tree.symlinks.push(rel);
    else throw error;
    return;
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_TREE_FILE_BYTES) tree.tooLarge?.set(rel, size);
    else addTreeFile(tree, rel, readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/** Sorted output, so two reads of the same folder compare equal. */
function finish(tree: ProjectTree): ProjectTree {
  tree.symlinks.sort();
  tree.other?.sort();
  tree.files = new Map([...tree.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return tree;
}
