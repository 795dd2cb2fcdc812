import path from 'node:path';
import { readCheckoutFile, readEventTree } from '@circuitboard/checkout';
import {
  type CommunityConfig,
  CommunityConfig as CommunityConfigSchema,
  type Diagnostic,
  type GeneratedFile,
  NotUtf8Error,
  parseConfigYaml,
  planGeneratedFiles,
  type Registry,
} from '@circuitboard/core';
import { type Calendar, icsOptionsFor, loadCalendar, planCalendarFiles, teamsOf } from '@circuitboard/core/calendar';

export const CONFIG_PATH = '.github/circuitboard.yml';

/** The community config, or the defaults when the repository has none yet. */
export async function loadCommunityConfig(
  root: string,
  file = CONFIG_PATH,
): Promise<{ config: CommunityConfig; diagnostics: Diagnostic[]; found: boolean }> {
  const defaults = () => CommunityConfigSchema.parse({ version: 1, community: { name: path.basename(root) } });
  let text: string | undefined;
  try {
    text = readCheckoutFile(root, file);
  } catch (error) {
    if (error instanceof NotUtf8Error) return { config: defaults(), diagnostics: [error.diagnostic], found: true };
    throw error;
  }
  if (text === undefined) return { config: defaults(), diagnostics: [], found: false };
  const { config, diagnostics } = parseConfigYaml(text, file);
  return { config: config ?? defaults(), diagnostics, found: true };
}

/** events/ of the checkout, with the hackathon teams taken from the projects (and where they name their hackathon). */
export async function loadCheckoutCalendar(
  root: string,
  registry: Registry,
  projectFiles: ReadonlyMap<string, string>,
  only?: string[],
): Promise<Calendar> {
  return loadCalendar(await readEventTree(root), { teams: teamsOf(registry, projectFiles), ...(only ? { only } : {}) });
}

/**
 * The generated files (projects/README.md, the CODEOWNERS block, events/calendar.ics and events/README.md)
 * compared with what the checkout holds.
 */
export function generatedFiles(
  root: string,
  registry: Registry,
  calendar: Calendar,
  config: CommunityConfig,
): GeneratedFile[] {
  // A file that is not UTF-8 is a NotUtf8Error: rewriting it would replace the hand-written text around the block.
  const read = (file: string) => readCheckoutFile(root, file);
  return [...planGeneratedFiles(registry, read), ...planCalendarFiles(calendar, read, icsOptionsFor(config))];
}

/** What a generated file is made from, for "out of date with …" messages. */
export function sourceOf(file: string): string {
  return file.startsWith('events/') ? 'events/' : 'projects/';
}
