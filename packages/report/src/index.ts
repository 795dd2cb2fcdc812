export type * from './activity.ts';
export { emptyActivity } from './activity.ts';
export { type CompileOptions, compileReport, formatDayRange, thresholdsOf, windowTitle } from './compile.ts';
export {
  discordLink,
  escapeDiscord,
  escapeHtml,
  escapeMarkdown,
  markdownLink,
  neutraliseMentions,
  plainText,
  safeHttpUrl,
} from './escape.ts';
export {
  type RenderedReport,
  type RenderOptions,
  type ReportFile,
  type ReportFileKind,
  renderReport,
  reportJson,
  writeReportFiles,
} from './files.ts';
export * from './model.ts';
export {
  type DiscordMessage,
  type DiscordOptions,
  renderDiscordDigest,
} from './render/discord.ts';
export { HTML_CSP, renderHtml } from './render/html.ts';
export * as limits from './render/limits.ts';
export {
  capBytes,
  type MarkdownOptions,
  renderIssueBodies,
  renderJobSummary,
  renderMarkdownBody,
  splitMarkdown,
} from './render/markdown.ts';
export { type NewsletterOptions, renderNewsletter } from './render/newsletter.ts';
export {
  renderSocialMarkdown,
  renderSocialPosts,
  type SocialOptions,
  type SocialPosts,
  xWeightedLength,
} from './render/social.ts';
export { type ChartInput, renderChart, sparkline } from './render/svg.ts';
export { type ReportRun, type ReportRunOptions, repositoryUrlFromConfig, runReport } from './run.ts';
export { collectGitActivity, type GitSourceOptions } from './sources/git.ts';
export { collectGitHubActivity, type GitHubSourceOptions } from './sources/github.ts';
export { graphemeLength, truncate } from './text.ts';
export * from './window.ts';
