import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProposal } from '../src/proposal/index.ts';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/proposing.md'), 'utf8');

/** The filled-in example of docs/proposing.md as the issue body GitHub would write for it. */
function exampleBody(): string {
  const quote = doc.split('\n## 2. A filled-in example')[1]!.split('\n## 3.')[0]!;
  const lines = quote
    .split('\n')
    .filter((line) => line.startsWith('>'))
    .map((line) => line.replace(/^> ?/, ''));
  const sections: string[] = [];
  for (const line of lines) {
    const heading = /^\*\*(.+)\*\*$/.exec(line);
    if (heading) sections.push(`### ${heading[1]}\n`);
    else sections[sections.length - 1] += `\n${line}`;
  }
  return sections.map((s) => s.trimEnd()).join('\n\n');
}

describe('docs/proposing.md', () => {
  it('shows the project.yml the bot really makes from its filled-in example', () => {
    const result = parseProposal(exampleBody(), { author: 'alice-nguyen', issue: 42, today: '2026-11-01' });
    expect(result.errors).toEqual([]);
    const shown =
      /and the `projects\/induction-heads-pythia\/project.yml` the bot previews for it:\n\n```yaml\n([\s\S]*?)```/.exec(
        doc,
      )?.[1];
    expect(result.proposal!.files['projects/induction-heads-pythia/project.yml']).toBe(shown);
  });
});
