import { defineConfig, type Options } from 'tsup';

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
 * GitHub Actions: one ESM file with every dependency inlined, for `runs.using: node24`.
 * The banner gives CommonJS dependencies the `require` they expect inside an ES module.
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
    esbuildOptions(options) {
      options.conditions = ['source', 'node', 'import'];
      options.mainFields = ['module', 'main'];
    },
  });
}
