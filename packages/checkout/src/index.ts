// The local checkout as Circuitboard reads it: projects/ on disk, and the repository's history through `git`.
export { readCheckoutFile } from './file.ts';
export { readProjectTree } from './fs.ts';
export { type CommitInfo, checkoutSource, eventsBetween, hasCommit, listCommits, readProjectTreeAt } from './git.ts';
