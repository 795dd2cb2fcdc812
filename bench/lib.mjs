// Shared helpers for benchmarks: machine description and writing a section of docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function machine() {
  return `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Replaces (or appends) the section between <!-- bench:NAME --> and <!-- /bench:NAME --> in docs/benchmarks.md. */
export function writeSection(name, markdown) {
  const file = path.join(repoRoot, 'docs/benchmarks.md');
  const header =
    "# Benchmarks\n\nFigures measured on this repository's development machines; each section names the command that produced it. Run them all with `pnpm bench`.\n";
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  text =
    start >= 0 && stop > start
      ? text.slice(0, start) + block + text.slice(stop + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}
