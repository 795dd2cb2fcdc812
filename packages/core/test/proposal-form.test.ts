import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProposalForm, PROPOSAL_FIELDS, PROPOSAL_TEMPLATE, PROPOSAL_TEMPLATE_PATH } from '../src/proposal/index.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const templateFile = path.join(root, PROPOSAL_TEMPLATE_PATH);

/** Rewrites src/proposal/template.ts from the form, for CIRCUITBOARD_UPDATE_TEMPLATE=1. */
function moduleFor(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `// Generated from .github/ISSUE_TEMPLATE/propose-project.yml; test/proposal-form.test.ts fails when they differ
// (run it with CIRCUITBOARD_UPDATE_TEMPLATE=1 to rewrite this file). Kept as a module because core reads no files itself.
export const PROPOSAL_TEMPLATE_PATH = '.github/ISSUE_TEMPLATE/propose-project.yml';

/** The proposal issue form shipped with Circuitboard; field ids are what the parser relies on. */
export const PROPOSAL_TEMPLATE: string = [
${lines.map((l) => `  ${JSON.stringify(l)},`).join('\n')}
  '',
].join('\\n');
`;
}

describe('the proposal issue form', () => {
  it('is the same text as the built-in template the parser uses', () => {
    const file = readFileSync(templateFile, 'utf8');
    if (process.env.CIRCUITBOARD_UPDATE_TEMPLATE && file !== PROPOSAL_TEMPLATE) {
      writeFileSync(path.join(import.meta.dirname, '../src/proposal/template.ts'), moduleFor(file));
    }
    expect(PROPOSAL_TEMPLATE, 'run CIRCUITBOARD_UPDATE_TEMPLATE=1 npx vitest run test/proposal-form.test.ts').toBe(
      file,
    );
  });

  it('has a field for every id the parser reads, with unique labels', () => {
    const { form, error } = loadProposalForm();
    expect(error).toBeUndefined();
    expect([...form!.fields.keys()]).toEqual([...PROPOSAL_FIELDS]);
    const labels = [...form!.fields.values()].map((f) => f.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    expect(form!.fields.get('title')?.required).toBe(true);
    expect(form!.fields.get('leads')?.required).toBe(false);
  });

  it('points other questions to Discord in config.yml', () => {
    const config = readFileSync(path.join(root, '.github/ISSUE_TEMPLATE/config.yml'), 'utf8');
    expect(config).toMatch(/contact_links:/);
    expect(config).toMatch(/Discord/);
  });

  it('answers an unreadable template with an error instead of throwing', () => {
    expect(loadProposalForm('body: [').error).toMatch(/could not be read/);
    expect(loadProposalForm('name: x\ndescription: y\nbody: []\n').error).toMatch(/no field with id "title"/);
  });
});
