// The domain package: pure. Reading a checkout (files, git) is @circuitboard/checkout's; the GitHub API is @circuitboard/github's.
export { addDays, MONTH_NAMES, utcToday } from './dates.ts';
export { compareDiagnostics, type Diagnostic, formatDiagnostic, RULES, type RuleId } from './diagnostics.ts';
export { type DiffContext, diffRegistries, keepLastGoodProjects, overdueEvents } from './diff.ts';
export { type EventDraft, eventId, withId } from './event-id.ts';
export * from './events.ts';
export {
  CODEOWNERS_BEGIN,
  CODEOWNERS_END,
  CODEOWNERS_PATH,
  type GeneratedFile,
  INDEX_BEGIN,
  INDEX_END,
  nextMilestone,
  planGeneratedFiles,
  progress,
  renderCodeowners,
  renderProjectsIndex,
  STATUS_ORDER,
  spliceBlock,
} from './generate.ts';
export {
  hoursPerWeek,
  openRoles,
  openRolesAcross,
  outputsNewestFirst,
  RECRUITING_STATUSES,
} from './help-wanted.ts';
export { configJsonSchema, projectJsonSchema } from './json-schema.ts';
export {
  classifyPath,
  LAYOUT_NAMES,
  PROJECT_FILE,
  PROJECTS_DIR,
  PROJECTS_INDEX,
  type ProjectPath,
  reservedSlugProblem,
  slugProblem,
  suggestSlug,
  WINDOWS_DEVICE_NAMES,
} from './layout.ts';
export {
  CONFIG_SCHEMA_COMMENT,
  MAX_FILE_BYTES,
  PROJECT_SCHEMA_COMMENT,
  parseConfigYaml,
  parseProjectYaml,
} from './load.ts';
export { escapeMarkdownCell } from './markdown.ts';
export * from './model.ts';
export {
  ARXIV_OLD_ARCHIVES,
  arxivProblem,
  doiProblem,
  type PaperId,
  type PaperReading,
  paperKey,
  paperUrl,
  parsePaperId,
  readPaperId,
} from './paper-id.ts';
export {
  addTreeFile,
  type LoadedProject,
  loadRegistry,
  MAX_TREE_FILE_BYTES,
  ProjectCache,
  type ProjectTree,
  type ProjectUpdate,
  type Registry,
  type RegistryOptions,
} from './registry.ts';
export { codePoint, findSuspiciousCharacter, quote, type SuspiciousCharacter } from './text.ts';
export {
  type DecodedText,
  decodeUtf8,
  decodeUtf8File,
  NotUtf8Error,
  notUtf8Diagnostic,
  type Utf8Problem,
} from './utf8.ts';
