// Golden outputs: each rendering of the fixed fixture, byte for byte. Update with `npx vitest run -u` and
// read the diff: these files are the product.
import { describe, expect, it } from 'vitest';
import { compileReport } from '../src/compile.ts';
import { renderReport } from '../src/files.ts';
import { config, fixtureActivity, fixtureGitHubActivity, WINDOW } from './fixture.ts';

describe.each([
  ['git', fixtureActivity],
  ['github', fixtureGitHubActivity],
])('renderings of the %s fixture', (source, activity) => {
  const model = compileReport(activity(), { window: WINDOW, config: config() });
  const rendered = renderReport(model, {
    reportUrl: 'https://mechinterp-community.github.io/circuitboard/reports/2026-W47.html',
  });
  for (const file of rendered.files) {
    it(`${file.name} matches test/golden/${source}/${file.name}`, async () => {
      await expect(file.content).toMatchFileSnapshot(`golden/${source}/${file.name}`);
    });
  }
});
