// Size and cold start of each action's bundle, against the targets of issue #6.
// Run: pnpm build && node bench/actions.mjs
//
// Sizes are those of the built dist/ files. What is inside them comes from an esbuild metafile: each action is
// built again with its own tsup config into a temporary folder (same options, `metafile: true`). Cold start is
// the wall time of `node dist/index.js` with no inputs and no network, until it exits on the missing input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'tsup';
import { actionDirs } from '../scripts/action-docs.mjs';
import { machine, median, repoRoot, writeSection } from './lib.mjs';

const KB = 1024;
const TARGET_BYTES = 600 * KB;
const TARGET_COLD_MS = 250;
const RUNS = 21;
const WARM_UP = 2;
/** Every input of the report action has a default, so it is started with one that fails its check instead. */
const FAILING_INPUTS = { 'report-action': { INPUT_SOURCE: 'github' } };

const kb = (bytes) => `${(bytes / KB).toFixed(0)} KB`;

/** `node_modules/.pnpm/<dir>/node_modules/<name>/…` → { name, version }; null for workspace sources. */
function packageOf(input) {
  const match = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match) return null;
  const [, store, name] = match;
  const version = store.slice(store.indexOf('@', 1) + 1).split('_')[0];
  return { name, version };
}

/** Builds the action again with its own tsup config and returns esbuild's metafile. */
async function metafileOf(dir) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'cb-bench-actions-'));
  const cwd = process.cwd();
  try {
    process.chdir(dir); // the config resolves its files against the package folder, as under `pnpm build`
    const config = (await import(pathToFileURL(path.join(dir, 'tsup.config.ts')).href)).default;
    const entry = Object.fromEntries(
      Object.entries(config.entry).map(([name, file]) => [name, path.resolve(dir, file)]),
    );
    await build({ ...config, entry, config: false, outDir: out, metafile: true, silent: true });
    return { metafile: JSON.parse(readFileSync(path.join(out, 'metafile-esm.json'), 'utf8')), outDir: out };
  } finally {
    process.chdir(cwd);
  }
}

/** The .js files of the build, by name. */
function outputsOf(metafile) {
  return new Map(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => [path.basename(file), output]),
  );
}

function contents(outputs, names) {
  const packages = new Map();
  const own = new Map();
  for (const name of names) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs.get(name).inputs)) {
      if (bytesInOutput === 0) continue;
      const pkg = packageOf(input);
      if (pkg) {
        const entry = packages.get(pkg.name) ?? { bytes: 0, versions: new Set() };
        entry.bytes += bytesInOutput;
        entry.versions.add(pkg.version);
        packages.set(pkg.name, entry);
      } else {
        const where = /packages\/[^/]+/.exec(input)?.[0] ?? input;
        own.set(where, (own.get(where) ?? 0) + bytesInOutput);
      }
    }
  }
  return { packages, own };
}

function coldStart(bundle, extraEnv) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'cb-bench-cold-'));
  // Only what a shell gives: no INPUT_*, no GITHUB_*, no proxy, nothing to reach.
  const env = { PATH: process.env.PATH ?? '', HOME: cwd, ...extraEnv };
  const times = [];
  let last;
  try {
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const start = process.hrtime.bigint();
      last = spawnSync(process.execPath, [bundle], { cwd, env, encoding: 'utf8', timeout: 30_000 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i >= WARM_UP) times.push(ms);
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const error = /^::error::(.*)$/m.exec(last.stdout ?? '')?.[1];
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), status: last.status, error };
}

function nodeAlone() {
  const times = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

const results = [];
for (const dir of actionDirs()) {
  const name = path.basename(dir);
  const dist = path.join(dir, 'dist');
  if (!existsSync(path.join(dist, 'index.js'))) {
    console.error(`${path.relative(repoRoot, dist)}/index.js is missing: run pnpm build first`);
    process.exit(1);
  }
  console.log(`▶ ${name}: metafile`);
  const { metafile, outDir } = await metafileOf(dir);
  const outputs = outputsOf(metafile);
  rmSync(outDir, { recursive: true, force: true });
  // Everything in dist/ ships in the release, so everything counts: the target is for the whole folder.
  const built = readdirSync(dist).sort();
  const stale = [...outputs.keys()].filter((file) => !built.includes(file));
  if (stale.length > 0 || built.length !== outputs.size) {
    console.error(
      `${path.relative(repoRoot, dist)} does not match its tsup config (${built.join(', ')}): run pnpm build first`,
    );
    process.exit(1);
  }
  const size = (files) => files.reduce((sum, file) => sum + readFileSync(path.join(dist, file)).length, 0);
  const gzip = (files) =>
    files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
  const inMain = contents(outputs, built);
  console.log(`▶ ${name}: cold start`);
  const cold = coldStart(path.join(dist, 'index.js'), FAILING_INPUTS[name] ?? {});
  results.push({
    name,
    files: built,
    bytes: size(built),
    gzip: gzip(built),
    inMain,
    undici: [...(inMain.packages.get('undici')?.versions ?? [])],
    duplicates: [...inMain.packages]
      .filter(([, p]) => p.versions.size > 1)
      .map(([pkg, p]) => `${pkg} ${[...p.versions].join(' + ')}`),
    discordJs: inMain.packages.has('discord.js'),
    cold,
  });
}
const baseline = nodeAlone();

const misses = [];
const rows = results.map((r) => {
  const miss = [];
  if (r.bytes > TARGET_BYTES) miss.push(`size +${kb(r.bytes - TARGET_BYTES)}`);
  if (r.undici.length > 0) miss.push('a copy of undici');
  if (r.discordJs) miss.push('discord.js');
  if (r.cold.median > TARGET_COLD_MS) miss.push('cold start');
  if (r.cold.status !== 1 || !r.cold.error)
    miss.push(`cold start did not end on an input error (exit ${r.cold.status})`);
  if (miss.length > 0) misses.push(`${r.name}: ${miss.join(', ')}`);
  return `| ${r.name} | ${r.files.join(', ')} | **${kb(r.bytes)}** | ${kb(r.gzip)} | ${r.undici.length} | ${r.discordJs ? 'yes' : 'no'} | **${r.cold.median.toFixed(0)} ms** (${r.cold.min.toFixed(0)}–${r.cold.max.toFixed(0)}) | ${miss.length ? `✗ ${miss.join(', ')}` : '✓'} |`;
});

// The largest packages, one column per action: what the remaining kilobytes are.
const names = new Map();
for (const r of results)
  for (const [pkg, { bytes }] of r.inMain.packages) names.set(pkg, Math.max(names.get(pkg) ?? 0, bytes));
const top = [...names.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 14)
  .map(([pkg]) => pkg);
const cell = (bytes) => (bytes ? (bytes / KB).toFixed(0) : '·');
const breakdown = [
  `| package | ${results.map((r) => r.name.replace(/-action$/, '')).join(' | ')} |`,
  `| --- | ${results.map(() => '---:').join(' | ')} |`,
  ...top.map((pkg) => `| ${pkg} | ${results.map((r) => cell(r.inMain.packages.get(pkg)?.bytes)).join(' | ')} |`),
  `| other packages | ${results.map((r) => cell([...r.inMain.packages].filter(([p]) => !top.includes(p)).reduce((s, [, p]) => s + p.bytes, 0))).join(' | ')} |`,
  `| Circuitboard's own code | ${results.map((r) => cell([...r.inMain.own.values()].reduce((s, b) => s + b, 0))).join(' | ')} |`,
];
const discordFamily = /^(@discordjs\/|discord-api-types$|@vladfrangu\/|@sapphire\/|magic-bytes\.js$)/;
const discordShare = results
  .filter((r) => r.inMain.packages.has('@discordjs/rest'))
  .map((r) => {
    const bytes =
      [...r.inMain.packages].filter(([p]) => discordFamily.test(p)).reduce((s, [, p]) => s + p.bytes, 0) +
      (r.inMain.own.get('packages/discord') ?? 0);
    return `${r.name.replace(/-action$/, '')} ${kb(bytes)}`;
  })
  .join(', ');
const duplicates = results.flatMap((r) => r.duplicates.map((d) => `${d} (${r.name})`));

const markdown = `## Action bundles: size and cold start

Targets (issue #6): each action's bundle ≤ 600 KB minified (KB = 1,024 bytes, as tsup prints; counted over everything its \`dist/\` holds, which is what a release ships), no second copy of undici, no full \`discord.js\` client; cold start ≤ 250 ms median.

| action | dist/ | size (minified) | gzip | undici copies | discord.js | cold start, median of ${RUNS} (min–max) | |
| --- | --- | ---: | ---: | ---: | --- | ---: | --- |
${rows.join('\n')}

Cold start is \`node dist/index.js\` started with no \`INPUT_*\` and no \`GITHUB_*\` variables and no network, in an empty folder, until it exits with its input error (${results.map((r) => `${r.name.replace(/-action$/, '')}: “${r.cold.error ?? `exit ${r.cold.status}`}”`).join('; ')}); ${WARM_UP} runs before the ${RUNS} measured ones. The report action has no required input (all have defaults), so it is started with \`source: github\` and no token, its first check. Node alone (\`node -e 0\`) takes ${baseline.toFixed(0)} ms here. Every action reads its inputs before it builds a client or reads a file, so a wrong input fails in the time it takes to load the bundle.

**What is in each bundle** (KB; esbuild's attribution before tsup's last tree-shaking pass, so columns add up to a little more than the file):

${breakdown.join('\n')}

How the bundles are kept small (\`actionConfig\` in \`tsup.shared.ts\`). The narrowed imports and the issue-parser rule fail the build if a new version of the dependency no longer fits them; every bundle is run against the fake GitHub and Discord by the release smoke test (\`packages/cli/test/release-smoke.test.ts\`) and its action's end-to-end tests:

- \`@discordjs/rest\` is bundled from its web build (its \`exports\` for every platform but Node), which sends requests with the global \`fetch\`. Its Node build imports all of undici (~400 KB minified) for the same requests; Node 24's \`fetch\` is undici already, so the bundles carry no copy of it.
- \`@actions/http-client\` is marked free of side effects: \`@actions/core\` imports it only for OIDC tokens, and it imports undici at its top level. Nothing uses it, so it is left out, and undici with it.
- \`yaml\` is bundled from its ES-module build (same code; its Node build is CommonJS, which esbuild cannot tree-shake).
- \`discord-api-types/v10\` is CommonJS, which esbuild keeps whole (~90 KB, nearly all payload and gateway enums). Its imports are narrowed to the four runtime values the bundles use (\`APIVersion\`, \`CDNRoutes\`, \`RouteBases\`, \`Routes\`), taken from its \`rest/v10\` part; importing any other value fails the build.
- \`@vladfrangu/async_event_emitter\`, the base class of \`@discordjs/rest\`'s \`REST\`, inlines a browser copy of \`util.inspect\` (~75 KB of its ~80 KB). \`REST\` only calls \`emit\`, \`on\`/\`once\`/\`off\` and \`listenerCount\` on it, so the bundles use Node's own \`EventEmitter\` in its place.
- \`@github/issue-parser\` inlines its own copy of \`yaml\` (~100 KB) ahead of its ~200 lines, which use it only as \`YAML.parse\`. The bundles keep its code and give it the \`yaml\` everything else uses.
- The report action writes its files and returns \`out-dir\` and \`artifact-name\`; the workflow uploads them with \`actions/upload-artifact\`. (Uploading from inside the action meant bundling \`@actions/artifact\` with the Azure storage client, a zip writer and undici: 1.66 MB.)

${duplicates.length ? `Packages in two versions in a bundle: ${duplicates.join('; ')}.` : 'No bundle holds a package in two versions.'}

${
  misses.length
    ? `**Missed**: ${misses.join('; ')}. The breakdown above says where the kilobytes are.`
    : `Every target is met. The Discord adapter is ${discordShare || 'in no bundle'}; the rest is the Octokit REST endpoint table (~80 KB), \`zod\` and \`yaml\` (~95 KB each) and Circuitboard's own code.`
}

Command: \`pnpm build && node bench/actions.mjs\` — ${machine()}.`;

writeSection('actions', markdown);
console.log(markdown);
if (misses.length > 0) {
  console.error(`\ntargets missed: ${misses.join('; ')}`);
  process.exitCode = 1;
}
