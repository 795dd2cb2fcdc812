import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionDirs, renderActionDocs, updateReadme } from '../../../scripts/action-docs.mjs';

describe('action READMEs', () => {
  it.each(actionDirs().map((dir) => [path.basename(dir), dir]))('%s README matches its action.yml', (_name, dir) => {
    const actionYml = readFileSync(path.join(dir, 'action.yml'), 'utf8');
    const readmePath = path.join(dir, 'README.md');
    const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
    // When this fails, run: node scripts/action-docs.mjs
    expect(readme).toBe(updateReadme(readme, actionYml, parse(actionYml).name));
  });

  it('renders inputs, outputs and the permissions named in comments', () => {
    const table = renderActionDocs(
      [
        '# permission: issues: write — comment on the proposal',
        'name: X',
        'description: d',
        'inputs:',
        '  github-token:',
        '    description: A token | with a pipe',
        '    required: true',
        'outputs:',
        '  slug:',
        '    description: The slug',
        'runs:',
        '  using: node24',
        '  main: dist/index.js',
      ].join('\n'),
    );
    expect(table).toContain('| `github-token` | yes |  | A token \\| with a pipe |');
    expect(table).toContain('| `slug` | The slug |');
    expect(table).toContain('| `issues: write` | comment on the proposal |');
  });
});
