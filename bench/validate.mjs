// Validates 1,000 generated projects the way `circuitboard validate` does and records the time.
// Run: pnpm build && node bench/validate.mjs

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readProjectTree } from '@circuitboard/checkout';
import { loadRegistry } from '@circuitboard/core';
import { generateCommunity } from '@circuitboard/testkit';
import { machine, median, repoRoot, writeSection } from './lib.mjs';

const PROJECTS = 1000;
const RUNS = 7;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cb-bench-validate-'));
try {
  const community = generateCommunity({ seed: 1, projects: PROJECTS, milestonesPerProject: 6, events: 0, weeks: 12 });
  for (const [file, content] of Object.entries(community.files)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const inProcess = [];
  let projects = 0;
  let diagnostics = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const registry = loadRegistry(await readProjectTree(dir), { today: '2026-11-24' });
    inProcess.push(performance.now() - start);
    projects = registry.projects.length;
    diagnostics = registry.diagnostics.length;
  }
  const cli = [];
  const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, [bin, 'validate', '--no-generated'], { cwd: dir, stdio: 'pipe' });
    } catch (error) {
      if (error.status !== 1) throw error;
    }
    cli.push(performance.now() - start);
  }
  const rows = [
    `| load + validate in process (readProjectTree + loadRegistry) | ${median(inProcess).toFixed(0)} ms | ${Math.min(...inProcess).toFixed(0)} ms |`,
    `| \`circuitboard validate\` as a process (Node start-up included) | ${median(cli).toFixed(0)} ms | ${Math.min(...cli).toFixed(0)} ms |`,
  ];
  const markdown = `## Validate 1,000 projects

Target: ≤ 1 s on a 2-core machine. ${PROJECTS} generated projects (${projects} loaded, ${diagnostics} diagnostics), 6 milestones each, ${RUNS} runs.

| what | median | best |
| --- | --- | --- |
${rows.join('\n')}

Command: \`pnpm build && node bench/validate.mjs\` — ${machine()}.`;
  writeSection('validate', markdown);
  console.log(markdown);
  if (median(cli) > 1000) {
    console.error('validate is over its 1 s target');
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
