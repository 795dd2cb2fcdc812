import path from 'node:path';
import { readCheckoutFile } from '@circuitboard/checkout';
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

/**
 * The generated files (projects/README.md, CODEOWNERS block) compared with what the checkout holds. One that is
 * not UTF-8 is a NotUtf8Error: rewriting it would replace the hand-written text around the block.
 */
export function generatedFiles(root: string, registry: Registry): GeneratedFile[] {
  return planGeneratedFiles(registry, (file) => readCheckoutFile(root, file));
}
