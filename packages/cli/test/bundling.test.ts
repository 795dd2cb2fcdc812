// The rules tsup.shared.ts applies to every action bundle, built with esbuild as `pnpm build` does: each keeps
// behaviour while dropping code, and each fails the build (never the run) when a dependency no longer fits it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { actionBundlePlugins } from '../../../tsup.shared.ts';

const packages = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'cb-bundling-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Bundles `code` as if it were a file of `pkg`'s src/ (so its dependencies resolve), with the action plugins. */
async function bundle(pkg: string, code: string, plugins = actionBundlePlugins()) {
  const result = await build({
    stdin: { contents: code, resolveDir: path.join(packages, pkg, 'src'), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    logLevel: 'silent',
    conditions: ['source', 'node', 'import'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    plugins,
  });
  return result.outputFiles[0]!.text;
}

function run(js: string): string {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, js);
  return execFileSync(process.execPath, [file], { encoding: 'utf8' }).trim();
}

describe('action bundles', () => {
  it('take only the REST part of discord-api-types, and the routes still work', async () => {
    const js = await bundle(
      'discord',
      `import { APIVersion, Routes } from 'discord-api-types/v10';
       console.log(APIVersion, Routes.channelMessages('1'), Routes.webhook('2', 't'));`,
    );
    expect(run(js)).toBe('10 /channels/1/messages /webhooks/2/t');
    expect(js).not.toContain('GUILD_SCHEDULED_EVENT_USER_ADD'); // a gateway dispatch name
    expect(js.length).toBeLessThan(40_000);
  });

  it('fail the build when code starts using a discord-api-types value outside the narrowed list', async () => {
    await expect(
      bundle('discord', `import { ChannelType } from 'discord-api-types/v10'; console.log(ChannelType.GuildForum);`),
    ).rejects.toThrow(/No matching export .* for import "ChannelType"/);
  });

  it("give @discordjs/rest Node's EventEmitter, and its REST client still emits and counts listeners", async () => {
    const js = await bundle(
      'discord',
      `import { EventEmitter } from 'node:events';
       import { REST } from '@discordjs/rest';
       const rest = new REST();
       rest.on('restDebug', (line) => console.log('debug', line));
       rest.emit('restDebug', 'hello');
       console.log(rest instanceof EventEmitter, rest.listenerCount('restDebug'));`,
    );
    expect(run(js)).toBe('debug hello\ntrue 1');
    expect(js).not.toContain('node-inspect-extracted');
  });

  it('give @github/issue-parser the shared yaml: one copy, same answers', async () => {
    const code = `import { parseIssue, parseTemplate } from '@github/issue-parser';
      import { parse } from 'yaml';
      const template = 'body:\\n  - type: input\\n    id: title\\n    attributes:\\n      label: Title\\n  - type: dropdown\\n    id: tags\\n    attributes:\\n      label: Tags\\n      multiple: true\\n      options: [a, b]\\n';
      console.log(JSON.stringify(parseIssue('### Title\\n\\nInduction heads\\n\\n### Tags\\n\\na, b', template)));
      console.log(Object.keys(parseTemplate(template)).join(','), typeof parse);`;
    const js = await bundle('core', code);
    expect(run(js)).toBe('{"title":"Induction heads","tags":["a","b"]}\ntitle,tags function');
    // A message of yaml's parser: twice if the parser's inlined copy were still there.
    expect(js.split('Implicit keys need to be on a single line').length - 1).toBe(1);
  });

  it('fail the build, saying what to update, when @github/issue-parser is laid out differently', async () => {
    const plugins = actionBundlePlugins({ name: '@github/issue-parser', marker: '/** Not in this version */' });
    await expect(
      bundle('core', `import { parseIssue } from '@github/issue-parser'; parseIssue('');`, plugins),
    ).rejects.toThrow(
      /@github\/issue-parser .* no longer has the layout tsup.shared.ts expects.*Update ISSUE_PARSER there/,
    );
  });
});
