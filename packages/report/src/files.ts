// Every rendering of one report, named for the window, and the sink that writes them.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPORT_SCHEMA_ID, type ReportModel } from './model.ts';
import { type DiscordMessage, renderDiscordDigest } from './render/discord.ts';
import { renderHtml } from './render/html.ts';
import { renderJobSummary } from './render/markdown.ts';
import { renderNewsletter } from './render/newsletter.ts';
import { renderSocialMarkdown, renderSocialPosts, type SocialPosts } from './render/social.ts';

export type ReportFileKind = 'json' | 'markdown' | 'html' | 'newsletter' | 'social' | 'discord';

export interface ReportFile {
  kind: ReportFileKind;
  /** File name, e.g. 2026-W47.html. */
  name: string;
  content: string;
}

export interface RenderedReport {
  files: ReportFile[];
  /** The job summary Markdown (also the .md file). */
  markdown: string;
  discord: DiscordMessage;
  social: SocialPosts;
}

export interface RenderOptions {
  /** Where the HTML report is published; linked from the Markdown, Discord and social drafts. */
  reportUrl?: string | null;
}

/** The model as the published JSON: `$schema` first, two-space indented, a final newline. */
export function reportJson(model: ReportModel): string {
  const { $schema: _ignored, ...rest } = model;
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...rest }, null, 2)}\n`;
}

/** All renderings of one model, in a fixed order. Pure. */
export function renderReport(model: ReportModel, options: RenderOptions = {}): RenderedReport {
  const label = model.window.label;
  const reportUrl = options.reportUrl ?? null;
  const markdown = renderJobSummary(model, { reportUrl });
  const discord = renderDiscordDigest(model, { reportUrl });
  const social = renderSocialPosts(model, { reportUrl });
  const files: ReportFile[] = [
    { kind: 'json', name: `${label}.json`, content: reportJson(model) },
    { kind: 'markdown', name: `${label}.md`, content: markdown },
    { kind: 'html', name: `${label}.html`, content: renderHtml(model) },
    { kind: 'newsletter', name: `${label}.newsletter.md`, content: renderNewsletter(model, { reportUrl }) },
    { kind: 'social', name: `${label}.social.md`, content: renderSocialMarkdown(social) },
    { kind: 'discord', name: `${label}.discord.json`, content: `${JSON.stringify(discord, null, 2)}\n` },
  ];
  return { files, markdown, discord, social };
}

/** Writes the files into `dir` (created if needed), each through a temporary name so none is half-written. */
export async function writeReportFiles(dir: string, files: readonly ReportFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.name);
    const temporary = `${target}.circuitboard-tmp`;
    await writeFile(temporary, file.content, 'utf8');
    await rename(temporary, target);
    written.push(target);
  }
  return written;
}
