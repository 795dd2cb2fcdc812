import { createHash } from 'node:crypto';

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601, seconds precision, UTC. */
  date: string;
}

export type EntryMode = '100644' | '100755' | '040000' | '160000' | '120000';
export type EntryType = 'blob' | 'tree' | 'commit';

export interface TreeEntry {
  name: string;
  mode: EntryMode;
  type: EntryType;
  sha: string;
}

export interface BlobObject {
  type: 'blob';
  content: Buffer;
}
export interface TreeObject {
  type: 'tree';
  entries: TreeEntry[];
}
export interface CommitObject {
  type: 'commit';
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}
export type GitObject = BlobObject | TreeObject | CommitObject;

/** A leaf of a flattened tree: a file (blob) or a submodule (commit), by full path. */
export interface Leaf {
  mode: EntryMode;
  type: EntryType;
  sha: string;
}

export interface WalkedEntry extends Leaf {
  path: string;
  size?: number;
}

export interface PathChange {
  path: string;
  status: 'added' | 'removed' | 'modified';
  before?: string;
  after?: string;
}

/** Content-addressed git objects with real SHA-1 ids, so shas look and behave like GitHub's. */
export class GitStore {
  readonly objects = new Map<string, GitObject>();

  putBlob(content: Buffer): string {
    return this.#put({ type: 'blob', content }, content);
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => compareTreeNames(a, b));
    const parts = sorted.map((e) =>
      Buffer.concat([Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`), Buffer.from(e.sha, 'hex')]),
    );
    return this.#put({ type: 'tree', entries: sorted }, Buffer.concat(parts));
  }

  putCommit(commit: Omit<CommitObject, 'type'>): string {
    const lines = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`)];
    lines.push(`author ${signature(commit.author)}`, `committer ${signature(commit.committer)}`, '', commit.message);
    return this.#put({ type: 'commit', ...commit }, Buffer.from(lines.join('\n')));
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  blob(sha: string): BlobObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'blob' ? object : undefined;
  }

  tree(sha: string): TreeObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'tree' ? object : undefined;
  }

  commit(sha: string): CommitObject | undefined {
    const object = this.objects.get(sha);
    return object?.type === 'commit' ? object : undefined;
  }

  /** Every file under a tree by full path. */
  flatten(treeSha: string, prefix = '', out = new Map<string, Leaf>()): Map<string, Leaf> {
    for (const entry of this.tree(treeSha)?.entries ?? []) {
      const path = prefix + entry.name;
      if (entry.type === 'tree') this.flatten(entry.sha, `${path}/`, out);
      else out.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
    }
    return out;
  }

  /** Builds nested trees from full paths and returns the root tree's sha. */
  buildTree(files: Map<string, Leaf>): string {
    const root: Dir = new Map();
    for (const [path, leaf] of files) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.get(part);
        if (!(next instanceof Map)) {
          next = new Map();
          dir.set(part, next);
        }
        dir = next;
      }
      dir.set(parts[parts.length - 1] as string, leaf);
    }
    return this.#writeDir(root);
  }

  /**
   * A tree like `treeSha` with some paths set (a leaf) or removed (null), rewriting only the sub-trees on
   * those paths; empty sub-trees disappear, as in git.
   */
  updateTree(treeSha: string | undefined, changes: Map<string, Leaf | null>): string {
    return this.#update(treeSha, changes) ?? this.putTree([]);
  }

  #update(treeSha: string | undefined, changes: Map<string, Leaf | null>): string | undefined {
    const entries = new Map((treeSha ? (this.tree(treeSha)?.entries ?? []) : []).map((e) => [e.name, e]));
    const nested = new Map<string, Map<string, Leaf | null>>();
    for (const [path, leaf] of changes) {
      const slash = path.indexOf('/');
      if (slash === -1) {
        if (leaf === null) entries.delete(path);
        else entries.set(path, { name: path, ...leaf });
        continue;
      }
      const head = path.slice(0, slash);
      let sub = nested.get(head);
      if (!sub) {
        sub = new Map();
        nested.set(head, sub);
      }
      sub.set(path.slice(slash + 1), leaf);
    }
    for (const [name, sub] of nested) {
      const existing = entries.get(name);
      const sha = this.#update(existing?.type === 'tree' ? existing.sha : undefined, sub);
      if (sha === undefined) entries.delete(name);
      else entries.set(name, { name, mode: '040000', type: 'tree', sha });
    }
    return entries.size === 0 ? undefined : this.putTree([...entries.values()]);
  }

  /** Entries of a tree; with `recursive`, sub-trees too, each with its full path (as `git ls-tree -rt`). */
  walk(treeSha: string, recursive: boolean, prefix = ''): WalkedEntry[] {
    const out: WalkedEntry[] = [];
    for (const entry of this.tree(treeSha)?.entries ?? []) {
      const path = prefix + entry.name;
      const size = entry.type === 'blob' ? this.blob(entry.sha)?.content.length : undefined;
      out.push({ path, mode: entry.mode, type: entry.type, sha: entry.sha, ...(size === undefined ? {} : { size }) });
      if (recursive && entry.type === 'tree') out.push(...this.walk(entry.sha, true, `${path}/`));
    }
    return out;
  }

  /** The entry at a path ('' is the tree itself), without flattening the whole tree. */
  entryAt(treeSha: string, path: string): Leaf | undefined {
    const parts = path.split('/').filter((p) => p !== '');
    let current: Leaf = { mode: '040000', type: 'tree', sha: treeSha };
    for (const part of parts) {
      if (current.type !== 'tree') return undefined;
      const entry = this.tree(current.sha)?.entries.find((e) => e.name === part);
      if (entry === undefined) return undefined;
      current = { mode: entry.mode, type: entry.type, sha: entry.sha };
    }
    return current;
  }

  /** Commits reachable from `start`, newest committer date first (like `git log`). */
  history(start: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>([start]);
    const queue = [start];
    while (queue.length > 0) {
      queue.sort((a, b) => this.#time(b) - this.#time(a));
      const sha = queue.shift() as string;
      out.push(sha);
      for (const parent of this.commit(sha)?.parents ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        queue.push(parent);
      }
    }
    return out;
  }

  ancestors(start: string): Set<string> {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.commit(sha)?.parents ?? []));
    }
    return seen;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor);
  }

  mergeBase(a: string, b: string): string | undefined {
    const ofA = this.ancestors(a);
    return this.history(b).find((sha) => ofA.has(sha));
  }

  /** Files that differ between two trees (either may be absent). */
  diff(before: string | undefined, after: string | undefined): PathChange[] {
    const a = before ? this.flatten(before) : new Map<string, Leaf>();
    const b = after ? this.flatten(after) : new Map<string, Leaf>();
    const out: PathChange[] = [];
    for (const [path, leaf] of b) {
      const old = a.get(path);
      if (old === undefined) out.push({ path, status: 'added', after: leaf.sha });
      else if (old.sha !== leaf.sha) out.push({ path, status: 'modified', before: old.sha, after: leaf.sha });
    }
    for (const [path, leaf] of a) if (!b.has(path)) out.push({ path, status: 'removed', before: leaf.sha });
    return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  }

  #time(sha: string): number {
    const commit = this.commit(sha);
    return commit ? Date.parse(commit.committer.date) : 0;
  }

  #writeDir(dir: Dir): string {
    const entries: TreeEntry[] = [];
    for (const [name, value] of dir) {
      if (value instanceof Map) entries.push({ name, mode: '040000', type: 'tree', sha: this.#writeDir(value) });
      else entries.push({ name, mode: value.mode, type: value.type, sha: value.sha });
    }
    return this.putTree(entries);
  }

  #put(object: GitObject, payload: Buffer): string {
    const header = Buffer.from(`${object.type} ${payload.length}\0`);
    const sha = createHash('sha1').update(header).update(payload).digest('hex');
    if (!this.objects.has(sha)) this.objects.set(sha, object);
    return sha;
  }
}

type Dir = Map<string, Dir | Leaf>;

function signature(person: GitPerson): string {
  return `${person.name} <${person.email}> ${Math.floor(Date.parse(person.date) / 1000)} +0000`;
}

// Git sorts tree entries by name, comparing a sub-tree's name as if it ended with "/".
function compareTreeNames(a: TreeEntry, b: TreeEntry): number {
  const x = Buffer.from(a.type === 'tree' ? `${a.name}/` : a.name);
  const y = Buffer.from(b.type === 'tree' ? `${b.name}/` : b.name);
  return Buffer.compare(x, y);
}

/** Lines added and removed between two texts, counted the way a unified diff would (LCS on lines). */
export function lineChanges(before: string, after: string): { additions: number; deletions: number } {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const a = lines(before);
  const b = lines(after);
  // Trim the common head and tail first: most edits are small, so the LCS table stays tiny.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length * y.length > 4_000_000) return { additions: y.length, deletions: x.length };
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      row[j] =
        x[i - 1] === y[j - 1] ? (previous[j - 1] as number) + 1 : Math.max(previous[j] as number, row[j - 1] as number);
    }
    previous = row;
  }
  const common = previous[y.length] as number;
  return { additions: y.length - common, deletions: x.length - common };
}
