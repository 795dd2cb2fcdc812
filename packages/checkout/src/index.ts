// The local checkout as Circuitboard reads it: projects/ on disk, and the repository's history through `git`.
export { readProjectTree } from './fs.ts';
export { type CommitInfo, checkoutSource, eventsBetween, hasCommit, listCommits, readProjectTreeAt } from './git.ts';
