import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8File } from '@circuitboard/core';

/**
 * A repository-relative file of the checkout (the community config, a generated file), or undefined when there is
 * none. Decoded by core like every file Circuitboard reads: a NotUtf8Error names the first byte that is not UTF-8.
 */
export function readCheckoutFile(root: string, file: string): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path.join(root, ...file.split('/')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
  return decodeUtf8File(bytes, file);
}
