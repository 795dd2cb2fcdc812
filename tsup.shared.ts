import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/** Library packages: ESM + type declarations, dependencies stay external. */
export function libraryConfig(entry: Record<string, string> = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node24',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    ...extra,
  });
}

/**
 * Packages whose Node build carries its own HTTP stack although Node 24 has one built in: they are bundled
 * from the build their `exports` give every other platform. `@discordjs/rest`'s Node build imports all of
 * undici (~400 KB minified); its web build does the same requests through the global `fetch` (which is undici,
 * inside Node). `yaml`'s Node build is CommonJS, which esbuild cannot tree-shake; its other build is the same
 * code as ES modules.
 */
const PLATFORM_NEUTRAL_BUILDS = ['@discordjs/rest', 'yaml'];

/**
 * Packages with no side effects at load time that do not say so (`"sideEffects": false`). `@actions/core`
 * imports `@actions/http-client` only for OIDC tokens, and the client imports undici at its top level; with
 * this, undici is bundled only where the client is really used (the artifact upload), not in every action.
 */
const SIDE_EFFECT_FREE = ['@actions/http-client'];

const escapeRegExp = (name: string) => name.replace(/[/.]/g, '\\$&');
/** The packages themselves. */
const exactly = (names: string[]) => new RegExp(`^(${names.map(escapeRegExp).join('|')})$`);
/** The packages and their subpaths. */
const packagePaths = (names: string[]) => new RegExp(`^(${names.map(escapeRegExp).join('|')})(/|$)`);

/** The file `exports['.']` names when the `node` condition is not set (ESM flavour). */
function neutralEntry(exportsField: unknown): string | undefined {
  if (typeof exportsField === 'string') return exportsField;
  if (!exportsField || typeof exportsField !== 'object') return undefined;
  for (const [condition, target] of Object.entries(exportsField as Record<string, unknown>)) {
    if (condition === 'import' || condition === 'default') {
      const found = neutralEntry(target);
      if (found) return found;
    }
  }
  return undefined;
}

function platformNeutralBuilds(names: string[]): EsbuildPlugin {
  return {
    name: 'circuitboard:platform-neutral-builds',
    setup(build) {
      build.onResolve({ filter: exactly(names) }, async (args) => {
        if (args.pluginData === 'platform-neutral-builds') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'platform-neutral-builds',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const marker = `${path.sep}node_modules${path.sep}${args.path}${path.sep}`;
        const root = resolved.path.slice(0, resolved.path.lastIndexOf(marker) + marker.length);
        const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
          exports?: Record<string, unknown>;
        };
        const entry = neutralEntry(manifest.exports?.['.']);
        if (!entry) return { errors: [{ text: `${args.path} has no platform-neutral build in its exports` }] };
        return { path: path.join(root, entry) };
      });
    },
  };
}

function sideEffectFree(names: string[]): EsbuildPlugin {
  return {
    name: 'circuitboard:side-effect-free',
    setup(build) {
      build.onResolve({ filter: packagePaths(names) }, async (args) => {
        if (args.pluginData === 'side-effect-free') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'side-effect-free',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * A dynamic `import('./x.ts')` of one of `lazy`'s files stays an import of the sibling `./x.js`, which is
 * built as its own self-contained entry. (esbuild's code splitting would put everything both sides import
 * statically, even unused code, in a shared chunk that index.js loads at start.)
 */
function lazyEntries(files: string[]): EsbuildPlugin {
  return {
    name: 'circuitboard:lazy-entries',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        if (!files.includes(target)) return undefined;
        return { path: `./${path.basename(target).replace(/\.ts$/, '.js')}`, external: true };
      });
    },
  };
}

/**
 * GitHub Actions: ESM with every dependency inlined, for `runs.using: node24`. `dist/index.js` is what the
 * runner starts; each file of `lazy` (`{ artifact: 'src/artifact.ts' }`) becomes `dist/<name>.js`, loaded by
 * `await import('./<name>.ts')` only when that code runs, so cold start reads only what every run needs.
 * The banner gives CommonJS dependencies the `require` they expect inside an ES module.
 * Sizes and cold starts: `node bench/actions.mjs` (docs/benchmarks.md).
 */
export function actionConfig(entry = 'src/index.ts', lazy: Record<string, string> = {}) {
  return defineConfig({
    entry: { index: entry, ...lazy },
    format: ['esm'],
    target: 'node24',
    platform: 'node',
    bundle: true,
    noExternal: [/.*/],
    splitting: false,
    minify: true,
    sourcemap: false,
    clean: true,
    treeshake: true,
    banner: {
      js: "import { createRequire as __cbCreateRequire } from 'node:module'; const require = __cbCreateRequire(import.meta.url);",
    },
    esbuildPlugins: [
      lazyEntries(Object.values(lazy).map((file) => path.resolve(file))),
      platformNeutralBuilds(PLATFORM_NEUTRAL_BUILDS),
      sideEffectFree(SIDE_EFFECT_FREE),
    ],
    esbuildOptions(options) {
      options.conditions = ['source', 'node', 'import'];
      options.mainFields = ['module', 'main'];
      // Licence comments go to the end of each file (esbuild's default for bundles), kept for attribution.
      options.legalComments = 'eof';
    },
  });
}
