// Runs every benchmark in bench/ in turn; each writes its own section of docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib.mjs';

const only = process.argv.slice(2);
for (const file of readdirSync(path.join(repoRoot, 'bench')).sort()) {
  if (!file.endsWith('.mjs') || file === 'run.mjs' || file === 'lib.mjs') continue;
  if (only.length > 0 && !only.some((name) => file.includes(name))) continue;
  console.log(`\n▶ bench/${file}`);
  execFileSync(process.execPath, [path.join('bench', file)], { cwd: repoRoot, stdio: 'inherit' });
}
