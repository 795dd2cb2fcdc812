import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readProjectTree } from '@circuitboard/checkout';
import { loadRegistry } from '@circuitboard/core';
import { generatedFiles } from '../checkout.ts';
import { EXIT } from '../io.ts';
import { registerCommand } from '../program.ts';

registerCommand((program, io, setExit) => {
  program
    .command('generate')
    .description('write projects/README.md and the CODEOWNERS block from projects/')
    .option('--check', 'change nothing; exit 1 when a generated file is out of date')
    .action(async (options: { check?: boolean }) => {
      const registry = loadRegistry(await readProjectTree(io.cwd), { today: io.today() });
      const stale = generatedFiles(io.cwd, registry).filter((file) => !file.upToDate);
      if (options.check) {
        for (const file of stale) {
          io.stdout(
            `${file.path}:1:1: error: out of date with projects/; run \`pnpm circuitboard generate\` and commit the result (generated-out-of-date)\n`,
          );
        }
        io.stderr(
          stale.length === 0
            ? '✓ generated files are up to date\n'
            : `✗ ${stale.length} generated file(s) out of date\n`,
        );
        setExit(stale.length === 0 ? EXIT.ok : EXIT.invalid);
        return;
      }
      for (const file of stale) {
        const target = path.join(io.cwd, file.path);
        await mkdir(path.dirname(target), { recursive: true });
        // Write to a temporary name first so a crash never leaves a half-written file.
        const temporary = `${target}.circuitboard-tmp`;
        await writeFile(temporary, file.expected, 'utf8');
        await rename(temporary, target);
        io.stdout(`wrote ${file.path}\n`);
      }
      if (stale.length === 0) io.stderr('✓ generated files are already up to date\n');
      if (registry.diagnostics.some((d) => d.severity === 'error')) {
        io.stderr('note: some project files have errors and were left out; run `pnpm validate` to see them\n');
      }
      setExit(EXIT.ok);
    });
});
