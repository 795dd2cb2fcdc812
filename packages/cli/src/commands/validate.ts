import { access } from 'node:fs/promises';
import path from 'node:path';
import { readProjectTree } from '@circuitboard/checkout';
import {
  type Diagnostic,
  formatDiagnostic,
  type GeneratedFile,
  loadRegistry,
  NotUtf8Error,
  type Registry,
} from '@circuitboard/core';
import { CONFIG_PATH, generatedFiles, loadCommunityConfig } from '../checkout.ts';
import { EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

export interface ValidationOutcome {
  diagnostics: Diagnostic[];
  registry: Registry;
  projects: number;
  files: number;
}

/** Validates projects/ and the community config of the checkout at `root`, limited to `paths` when given. */
export async function validateCheckout(root: string, paths: string[], today: string): Promise<ValidationOutcome> {
  const only = paths.map((p) => normalisePath(root, p));
  for (const [i, p] of only.entries()) {
    if (p.startsWith('..'))
      throw new UsageError(`${paths[i]} is outside the repository at ${root}; give a path under projects/`);
    try {
      await access(path.join(root, p));
    } catch {
      throw new UsageError(`${paths[i]}: no such file or folder; give a path under projects/ or ${CONFIG_PATH}`);
    }
  }
  const tree = await readProjectTree(root);
  const projectPaths = only.filter((p) => p !== CONFIG_PATH);
  const registry = loadRegistry(tree, { today, ...(projectPaths.length > 0 ? { only: projectPaths } : {}) });
  const diagnostics = [...registry.diagnostics];
  if (only.length === 0 || only.includes(CONFIG_PATH)) {
    diagnostics.push(...(await loadCommunityConfig(root)).diagnostics);
  }
  return {
    diagnostics: sortDiagnostics(diagnostics),
    registry,
    projects: registry.projects.length,
    files: tree.files.size,
  };
}

function normalisePath(root: string, p: string): string {
  const rel = path.relative(root, path.resolve(root, p)).split(path.sep).join('/');
  return rel.replace(/\/+$/, '');
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

registerCommand((program, io, setExit) => {
  program
    .command('validate')
    .description('check project files and the community config; exit 1 when something is wrong')
    .argument('[paths...]', 'files or folders to check (default: all of projects/ and .github/circuitboard.yml)')
    .option('--format <format>', 'text or json', 'text')
    .option('--no-generated', 'do not check that generated files are up to date')
    .action(async (paths: string[], options: { format: string; generated: boolean }) => {
      if (options.format !== 'text' && options.format !== 'json') {
        throw new UsageError(`--format must be text or json, not "${options.format}"`);
      }
      const outcome = await validateCheckout(io.cwd, paths, io.today());
      const diagnostics = outcome.diagnostics;
      if (options.generated && paths.length === 0) {
        let generated: GeneratedFile[] = [];
        try {
          generated = generatedFiles(io.cwd, outcome.registry);
        } catch (error) {
          if (!(error instanceof NotUtf8Error)) throw error;
          // projects/README.md is also under projects/, where the registry has reported it already.
          const { file, rule } = error.diagnostic;
          if (!diagnostics.some((d) => d.file === file && d.rule === rule)) diagnostics.push(error.diagnostic);
        }
        for (const file of generated.filter((f) => !f.upToDate)) {
          diagnostics.push({
            file: file.path,
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'generated-out-of-date',
            message: `${file.path} is out of date with projects/; run \`pnpm circuitboard generate\` and commit the result`,
          });
        }
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (options.format === 'json') {
        io.stdout(
          `${JSON.stringify({ ok: errors === 0, errors, warnings, projects: outcome.projects, diagnostics }, null, 2)}\n`,
        );
      } else {
        for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
        const summary =
          errors === 0
            ? `✓ ${outcome.projects} project${outcome.projects === 1 ? '' : 's'} valid${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
            : `✗ ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in ${outcome.projects} project${outcome.projects === 1 ? '' : 's'}`;
        io.stderr(`${summary}\n`);
      }
      setExit(errors === 0 ? EXIT.ok : EXIT.invalid);
    });
});
