import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type CommunityConfig,
  CommunityConfig as CommunityConfigSchema,
  type Diagnostic,
  type GeneratedFile,
  parseConfigYaml,
  planGeneratedFiles,
  type Registry,
} from '@circuitboard/core';

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

/** The generated files (projects/README.md, CODEOWNERS block) compared with what the checkout holds. */
export function generatedFiles(root: string, registry: Registry): GeneratedFile[] {
  return planGeneratedFiles(registry, (file) => {
    try {
      return readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  });
}
