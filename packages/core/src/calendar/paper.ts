// Papers in sessions and talks are checked like project.yml's research.papers: the same identifiers, messages and
// links (src/paper-id.ts).
export { PaperIdentifier } from '../model.ts';
export { paperUrl } from '../paper-id.ts';
