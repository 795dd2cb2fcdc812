import { checkoutSource, hasCommit } from '@circuitboard/checkout';
import { loadRegistry } from '@circuitboard/core';
import { describeEvent, loadConfig, previewSync } from '@circuitboard/core/sync';
import { RENDERER_VERSION } from '@circuitboard/discord';
import { CONFIG_PATH } from '../checkout.ts';
import { EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

const ZERO = '0'.repeat(40);

registerCommand((program, io, setExit) => {
  program
    .command('sync')
    .description('show what the sync would do on GitHub and Discord for a range of commits (offline, no tokens)')
    .option('--dry-run', 'print the plan and change nothing (the only mode here; the sync itself runs in the workflow)')
    .option('--from <rev>', 'the commit the targets are assumed to be synced to (default: the parent of --to)')
    .option('--to <rev>', 'the commit to sync to', 'HEAD')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { dryRun?: boolean; from?: string; to: string; format: string }) => {
      if (!options.dryRun) {
        throw new UsageError(
          'only --dry-run is available locally: the sync itself runs in the Sync workflow with its secrets (docs/discord-setup.md)',
        );
      }
      if (options.format !== 'text' && options.format !== 'json')
        throw new UsageError(`--format must be text or json, not "${options.format}"`);
      for (const rev of [options.to, options.from]) {
        if (rev !== undefined && !(await hasCommit(io.cwd, rev))) {
          throw new UsageError(
            `${rev} is not a commit of the repository at ${io.cwd}; give a commit sha, branch or tag (--from/--to)`,
          );
        }
      }
      const source = checkoutSource(io.cwd);
      const today = io.today();
      const to = options.to;
      const parent = (await hasCommit(io.cwd, `${to}^`)) ? `${to}^` : undefined;
      const from = options.from ?? parent;
      const { config, diagnostics } = await loadConfig(source, to, CONFIG_PATH, 'community');
      const after = loadRegistry(await source.readTree(to), { today });
      const before = from ? loadRegistry(await source.readTree(from), { today }) : undefined;
      const events = from && from !== ZERO ? await source.eventsBetween(from, to, today) : [];
      const { lines } = previewSync({
        ...(before ? { before } : {}),
        after,
        events,
        config,
        today,
        rendererVersion: RENDERER_VERSION,
      });
      if (options.format === 'json') {
        io.stdout(`${JSON.stringify({ from: from ?? null, to, events, plan: lines, diagnostics }, null, 2)}\n`);
      } else {
        io.stdout(`Changes ${from ? `${from}..${to}` : `up to ${to}`}:\n`);
        if (events.length === 0) io.stdout('  (no project events)\n');
        for (const event of events) io.stdout(`  - ${describeEvent(event)}\n`);
        io.stdout('\nThe sync would:\n');
        for (const line of lines) io.stdout(`  - ${line}\n`);
        for (const d of diagnostics) io.stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
        io.stderr('dry run: nothing was changed; assumes GitHub and Discord were in sync at the start of the range\n');
      }
      setExit(EXIT.ok);
    });
});
