// core does no I/O (docs/architecture.md): no file system, no processes, no network, no environment. Reading a
// checkout is @circuitboard/checkout's, GitHub is @circuitboard/github's, Discord is @circuitboard/discord's. This
// test reads core's own source and its build and fails on anything that could reach outside the process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** The only Node built-in core may use: hashing, which computes and touches nothing outside the process. */
const ALLOWED_BUILT_INS = new Set(['crypto']);
/** Packages core may import: its own dependencies, all pure. */
const ALLOWED_PACKAGES = new Set(
  Object.keys(
    (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
  ),
);
/** Globals that reach outside the process (the environment, the network, the console's streams). */
const IO_GLOBALS = new Set([
  'process',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'Deno',
  'Bun',
  'require',
]);

const builtIns = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

function filesIn(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension) && !name.endsWith(`.d${extension}`))
    .map((name) => path.join(dir, name));
}

/** What `code` imports that core may not: I/O built-ins and packages outside core's dependencies. */
function forbiddenImports(code: string): string[] {
  const { importedFiles } = ts.preProcessFile(code, true, true);
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((specifier) => {
      if (specifier.startsWith('.')) return false;
      const bare = specifier.replace(/^node:/, '');
      const top = bare.split('/')[0] ?? '';
      if (specifier.startsWith('node:') || builtIns.has(top)) return !ALLOWED_BUILT_INS.has(top);
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : top;
      return !ALLOWED_PACKAGES.has(name);
    });
}

/** Uses of I/O globals as values (`process.env`, `fetch(...)`); property names such as `x.process` do not count. */
function ioGlobals(code: string): string[] {
  const source = ts.createSourceFile('code.ts', code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && IO_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        ts.isPropertySignature(parent) ||
        ts.isMethodDeclaration(parent) ||
        ts.isMethodSignature(parent) ||
        ts.isPropertyDeclaration(parent);
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      if (!isPropertyName) found.push(`${node.text} at line ${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Files under `dir` whose check finds something, with what it found. */
function offenders(dir: string, extension: string, check: (code: string) => string[]) {
  return filesIn(dir, extension)
    .map((file) => ({ file: path.relative(root, file), found: check(readFileSync(file, 'utf8')) }))
    .filter(({ found }) => found.length > 0);
}

describe('core does no I/O', () => {
  it('the checks catch I/O imports and globals, and let pure code through', () => {
    const io = [
      "import { readFileSync } from 'node:fs';",
      "import { execFile } from 'child_process';",
      "export * from 'node:net';",
      "const http = await import('node:http');",
      "import { Octokit } from '@octokit/rest';",
      "import { Client } from 'discord.js';",
    ];
    expect(io.map(forbiddenImports)).toEqual(io.map((line) => [/'([^']+)'/.exec(line)?.[1]]));
    expect(
      forbiddenImports("import { createHash } from 'node:crypto'; import { z } from 'zod'; import './x.ts';"),
    ).toEqual([]);
    expect(ioGlobals('const token = process.env.TOKEN;\nawait fetch(url);')).toEqual([
      'process at line 1',
      'fetch at line 2',
    ]);
    expect(ioGlobals('const x = { fetch: 1, process: 2 }; x.process; x.fetch();')).toEqual([]);
  });

  it('no source file imports a file-system, process, network or other I/O module', () => {
    expect(filesIn(path.join(root, 'src'), '.ts').length).toBeGreaterThan(10);
    expect(offenders(path.join(root, 'src'), '.ts', forbiddenImports)).toEqual([]);
  });

  it('no source file touches the environment or the network through globals', () => {
    expect(offenders(path.join(root, 'src'), '.ts', ioGlobals)).toEqual([]);
  });

  it('the published build imports no I/O module either', () => {
    const dist = path.join(root, 'dist');
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: build core first (pnpm turbo run build)');
    expect(filesIn(dist, '.js').length).toBeGreaterThan(0);
    expect(offenders(dist, '.js', forbiddenImports)).toEqual([]);
  });
});
