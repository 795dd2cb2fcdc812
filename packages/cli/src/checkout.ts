import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readEventTree } from '@circuitboard/checkout';
import {
  type CommunityConfig,
  CommunityConfig as CommunityConfigSchema,
  type Diagnostic,
  type GeneratedFile,
  parseConfigYaml,
  planGeneratedFiles,
  type Registry,
} from '@circuitboard/core';
import { type Calendar, icsOptionsFor, loadCalendar, planCalendarFiles, teamsOf } from '@circuitboard/core/calendar';

export const CONFIG_PATH = '.github/circuitboard.yml';

/** Reads a repository-relative file, or undefined when it does not exist. */
export async function readRepoFile(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The community config, or the defaults when the repository has none yet. */
export async function loadCommunityConfig(
  root: string,
  file = CONFIG_PATH,
): Promise<{ config: CommunityConfig; diagnostics: Diagnostic[]; found: boolean }> {
  const text = await readRepoFile(root, file);
  if (text === undefined) {
    return {
      config: CommunityConfigSchema.parse({ version: 1, community: { name: path.basename(root) } }),
      diagnostics: [],
      found: false,
    };
  }
  const { config, diagnostics } = parseConfigYaml(text, file);
  return {
    config: config ?? CommunityConfigSchema.parse({ version: 1, community: { name: path.basename(root) } }),
    diagnostics,
    found: true,
  };
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
  const read = (file: string) => {
    try {
      return readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
  return [...planGeneratedFiles(registry, read), ...planCalendarFiles(calendar, read, icsOptionsFor(config))];
}

/** What a generated file is made from, for "out of date with …" messages. */
export function sourceOf(file: string): string {
  return file.startsWith('events/') ? 'events/' : 'projects/';
}
