import { access } from 'node:fs/promises';
import path from 'node:path';
import { readProjectTree } from '@circuitboard/checkout';
import {
  type CommunityConfig,
  type Diagnostic,
  formatDiagnostic,
  type GeneratedFile,
  loadRegistry,
  NotUtf8Error,
  type Registry,
} from '@circuitboard/core';
import type { Calendar } from '@circuitboard/core/calendar';
import { CONFIG_PATH, generatedFiles, loadCheckoutCalendar, loadCommunityConfig, sourceOf } from '../checkout.ts';
import { EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

export interface ValidationOutcome {
  diagnostics: Diagnostic[];
  registry: Registry;
  calendar: Calendar;
  config: CommunityConfig;
  projects: number;
  /** Valid entries under events/. */
  events: number;
  files: number;
}

/** Validates projects/, events/ and the community config of the checkout at `root`, limited to `paths` when given. */
export async function validateCheckout(root: string, paths: string[], today: string): Promise<ValidationOutcome> {
  const only = paths.map((p) => normalisePath(root, p));
  for (const [i, p] of only.entries()) {
    if (p.startsWith('..'))
      throw new UsageError(`${paths[i]} is outside the repository at ${root}; give a path under projects/ or events/`);
    try {
      await access(path.join(root, p));
    } catch {
      throw new UsageError(
        `${paths[i]}: no such file or folder; give a path under projects/ or events/, or ${CONFIG_PATH}`,
      );
    }
  }
  const tree = await readProjectTree(root);
  const filePaths = only.filter((p) => p !== CONFIG_PATH);
  const projectPaths = filePaths.filter((p) => !isEventPath(p));
  const registry = loadRegistry(tree, { today, ...(filePaths.length > 0 ? { only: projectPaths } : {}) });
  // A project's `hackathon:` names a hackathon in events/, so both are loaded whatever is asked for.
  const calendar = await loadCheckoutCalendar(root, registry, tree.files, filePaths.length > 0 ? filePaths : undefined);
  const diagnostics = [...registry.diagnostics, ...calendar.diagnostics];
  const { config, diagnostics: configDiagnostics } = await loadCommunityConfig(root);
  if (only.length === 0 || only.includes(CONFIG_PATH)) diagnostics.push(...configDiagnostics);
  return {
    diagnostics: sortDiagnostics(diagnostics),
    registry,
    calendar,
    config,
    projects: registry.projects.length,
    events: calendar.entries.length,
    files: tree.files.size,
  };
}

function isEventPath(p: string): boolean {
  return p === 'events' || p.startsWith('events/');
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
    .description('check project files, events and the community config; exit 1 when something is wrong')
    .argument(
      '[paths...]',
      'files or folders to check (default: all of projects/, events/ and .github/circuitboard.yml)',
    )
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
          generated = generatedFiles(io.cwd, outcome.registry, outcome.calendar, outcome.config);
        } catch (error) {
          if (!(error instanceof NotUtf8Error)) throw error;
          // projects/README.md and events/README.md are also read as trees, where they have been reported already.
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
            message: `${file.path} is out of date with ${sourceOf(file.path)}; run \`pnpm circuitboard generate\` and commit the result`,
          });
        }
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.length - errors;
      if (options.format === 'json') {
        io.stdout(
          `${JSON.stringify({ ok: errors === 0, errors, warnings, projects: outcome.projects, events: outcome.events, diagnostics }, null, 2)}\n`,
        );
      } else {
        for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
        const what = `${outcome.projects} project${outcome.projects === 1 ? '' : 's'}${outcome.events > 0 ? ` and ${outcome.events} event${outcome.events === 1 ? '' : 's'}` : ''}`;
        const summary =
          errors === 0
            ? `✓ ${what} valid${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
            : `✗ ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in ${what}`;
        io.stderr(`${summary}\n`);
      }
      setExit(errors === 0 ? EXIT.ok : EXIT.invalid);
    });
});
