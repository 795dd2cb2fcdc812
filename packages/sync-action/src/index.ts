// Composition root: the only place that reads the process's environment; run.ts does the rest from what it is handed.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { runSyncAction } from './run.ts';

void runSyncAction({
  env: process.env,
  // The functions one by one: handing over the whole module would keep all of it (undici too) in the bundle.
  core: {
    setSecret: core.setSecret,
    setOutput: core.setOutput,
    setFailed: core.setFailed,
    debug: core.debug,
    info: core.info,
    warning: core.warning,
    error: core.error,
    notice: core.notice,
  },
  summary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
    else core.info(markdown);
  },
  readFile: (path) => readFileSync(path, 'utf8'),
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});
