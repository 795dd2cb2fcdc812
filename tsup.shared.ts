import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];
type ImportKind = Parameters<Parameters<PluginBuild['onResolve']>[1]>[0]['kind'];

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
 * code as ES modules. `tslib` (rrule's helpers), under `node`, is an ES wrapper around its CommonJS file, which is
 * kept whole (~12 KB); its other build is ES modules, of which a bundle keeps the few helpers it calls.
 */
const PLATFORM_NEUTRAL_BUILDS = ['@discordjs/rest', 'yaml', 'tslib'];

/**
 * Packages with no side effects at load time that do not say so (`"sideEffects": false`). `@actions/core`
 * imports `@actions/http-client` only for OIDC tokens, and the client imports undici at its top level; with
 * this, undici (~400 KB) is bundled in none of the actions, which never ask for one.
 */
const SIDE_EFFECT_FREE = ['@actions/http-client'];

/**
 * CommonJS packages whose runtime values the bundles need only a few of: esbuild keeps every byte of a
 * CommonJS module it includes, so such an import is narrowed to the named values, re-exported from the part
 * of the package that holds them. A name outside the list fails the build ("No matching export"), so a new
 * runtime import is noticed. `discord-api-types/v10` is ~90 KB minified, nearly all payload and gateway
 * enums; @discordjs/rest and our Discord client use only REST routes and the API version.
 */
const NARROWED_IMPORTS: Record<string, { from: string; names: string[] }> = {
  'discord-api-types/v10': {
    from: 'discord-api-types/rest/v10',
    names: ['APIVersion', 'CDNRoutes', 'RouteBases', 'Routes'],
  },
};

/**
 * Packages replaced by what Node has built in, where a bundle only uses what the built-in does too.
 * `@vladfrangu/async_event_emitter` (~80 KB minified: it embeds a browser copy of `util.inspect`) is the base
 * class of @discordjs/rest's `REST`, which only calls `emit`, `on`/`once`/`off` and `listenerCount` on it —
 * all of them Node's own `EventEmitter`.
 */
const NODE_BUILT_IN_SUBSTITUTES: Record<string, string> = {
  '@vladfrangu/async_event_emitter': "export { EventEmitter as AsyncEventEmitter } from 'node:events';",
};

/**
 * `@github/issue-parser` ships as one file with its own copy of `yaml` (~100 KB minified) inlined ahead of its
 * ~200 lines of code, which use it only as `YAML.parse`. The bundles take the parser's code from the marker
 * on, with `YAML` imported from the `yaml` every other module uses. If a new version changes the layout,
 * the build fails here instead of shipping two copies or a broken parser.
 */
const ISSUE_PARSER = { name: '@github/issue-parser', marker: '/** Issue Form Field Types */' };

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

type PluginBuild = Parameters<EsbuildPlugin['setup']>[0];

/**
 * Where esbuild would resolve an import without this plugin. `tag` marks the nested call, which the plugin's
 * own onResolve must let through (`if (args.pluginData === tag) return undefined`).
 */
function resolveAsUsual(
  build: PluginBuild,
  args: { path: string; kind: ImportKind; importer: string; resolveDir: string },
  tag: string,
) {
  return build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: tag,
  });
}

function platformNeutralBuilds(names: string[]): EsbuildPlugin {
  return {
    name: 'circuitboard:platform-neutral-builds',
    setup(build) {
      build.onResolve({ filter: exactly(names) }, async (args) => {
        if (args.pluginData === 'platform-neutral-builds') return undefined;
        const resolved = await resolveAsUsual(build, args, 'platform-neutral-builds');
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
        const resolved = await resolveAsUsual(build, args, 'side-effect-free');
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { ...resolved, sideEffects: false };
      });
    },
  };
}

function narrowedImports(narrowed: Record<string, { from: string; names: string[] }>): EsbuildPlugin {
  const namespace = 'circuitboard-narrowed';
  return {
    name: 'circuitboard:narrowed-imports',
    setup(build) {
      build.onResolve({ filter: exactly(Object.keys(narrowed)) }, (args) => ({
        path: args.path,
        namespace,
        pluginData: { resolveDir: args.resolveDir },
      }));
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const { from, names } = narrowed[args.path]!;
        return {
          contents: `export { ${names.join(', ')} } from '${from}';`,
          resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
          loader: 'js',
        };
      });
    },
  };
}

function nodeBuiltInSubstitutes(substitutes: Record<string, string>): EsbuildPlugin {
  const namespace = 'circuitboard-substitute';
  return {
    name: 'circuitboard:node-built-in-substitutes',
    setup(build) {
      build.onResolve({ filter: exactly(Object.keys(substitutes)) }, (args) => ({ path: args.path, namespace }));
      build.onLoad({ filter: /.*/, namespace }, (args) => ({ contents: substitutes[args.path]!, loader: 'js' }));
    },
  };
}

function issueParserWithSharedYaml({ name, marker }: typeof ISSUE_PARSER): EsbuildPlugin {
  const namespace = 'circuitboard-issue-parser';
  return {
    name: 'circuitboard:issue-parser-shared-yaml',
    setup(build) {
      build.onResolve({ filter: exactly([name]) }, async (args) => {
        if (args.pluginData === 'issue-parser') return undefined;
        const resolved = await resolveAsUsual(build, args, 'issue-parser');
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // `yaml` is resolved from the importer: under pnpm the parser's own folder cannot see it.
        return { path: resolved.path, namespace, pluginData: { resolveDir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        const start = code.indexOf(marker);
        const own = start < 0 ? '' : code.slice(start);
        if (start < 0 || !own.includes('YAML.parse(') || /\bYAML\.(?!parse\()/.test(own)) {
          return {
            errors: [
              {
                text: `${name} (${args.path}) no longer has the layout tsup.shared.ts expects: its own code from "${marker}" on, using the inlined yaml only as YAML.parse. Update ISSUE_PARSER there.`,
              },
            ],
          };
        }
        return {
          contents: `import * as YAML from 'yaml';\n${own}`,
          resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
          loader: 'js',
        };
      });
    },
  };
}

/** The esbuild plugins of every action bundle (exported for packages/cli/test/bundling.test.ts). */
export function actionBundlePlugins(issueParser: typeof ISSUE_PARSER = ISSUE_PARSER): EsbuildPlugin[] {
  return [
    platformNeutralBuilds(PLATFORM_NEUTRAL_BUILDS),
    sideEffectFree(SIDE_EFFECT_FREE),
    narrowedImports(NARROWED_IMPORTS),
    nodeBuiltInSubstitutes(NODE_BUILT_IN_SUBSTITUTES),
    issueParserWithSharedYaml(issueParser),
  ];
}

/**
 * GitHub Actions: ESM with every dependency inlined, for `runs.using: node24`. `dist/index.js` is what the
 * runner starts, and its only file. The banner gives CommonJS dependencies the `require` they expect inside an ES module.
 * Sizes and cold starts: `node bench/actions.mjs` (docs/benchmarks.md).
 */
export function actionConfig(entry = 'src/index.ts') {
  return defineConfig({
    entry: { index: entry },
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
    esbuildPlugins: actionBundlePlugins(),
    esbuildOptions(options) {
      options.conditions = ['source', 'node', 'import'];
      options.mainFields = ['module', 'main'];
      // Licence comments go to the end of each file (esbuild's default for bundles), kept for attribution.
      options.legalComments = 'eof';
    },
  });
}
