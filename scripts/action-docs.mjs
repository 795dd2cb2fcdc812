// Writes the inputs / outputs / permissions tables of each action's README from its action.yml.
//   node scripts/action-docs.mjs          rewrite the tables
//   node scripts/action-docs.mjs --check  exit 1 when a README is out of date
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BEGIN = '<!-- BEGIN GENERATED: action-docs (node scripts/action-docs.mjs) -->';
const END = '<!-- END GENERATED: action-docs -->';

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

/** The tables for one action.yml. Permissions come from its `# permission: <scope>: <level> — <why>` comments. */
export function renderActionDocs(actionYml) {
  const action = parse(actionYml);
  const lines = [];
  lines.push('### Inputs', '', '| input | required | default | description |', '| --- | --- | --- | --- |');
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    const fallback = input.default === undefined ? '' : `\`${cell(input.default)}\``;
    lines.push(`| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${fallback} | ${cell(input.description)} |`);
  }
  lines.push('', '### Outputs', '', '| output | description |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs ?? {})) {
    lines.push(`| \`${name}\` | ${cell(output.description)} |`);
  }
  const permissions = [...actionYml.matchAll(/^#\s*permission:\s*([a-z-]+):\s*(read|write)\s*[—-]+\s*(.+)$/gm)];
  lines.push('', '### Permissions', '', '| permission | why |', '| --- | --- |');
  if (permissions.length === 0) lines.push('| none | |');
  for (const [, scope, level, why] of permissions) lines.push(`| \`${scope}: ${level}\` | ${cell(why)} |`);
  return lines.join('\n');
}

export function updateReadme(readme, actionYml, title) {
  const block = `${BEGIN}\n${renderActionDocs(actionYml)}\n${END}`;
  const start = readme?.indexOf(BEGIN) ?? -1;
  const stop = readme?.indexOf(END) ?? -1;
  if (readme && start >= 0 && stop > start) return readme.slice(0, start) + block + readme.slice(stop + END.length);
  return `${readme ? readme.trimEnd() : `# ${title}`}\n\n## Reference\n\n${block}\n`;
}

export function actionDirs() {
  return readdirSync(path.join(root, 'packages'))
    .filter((name) => existsSync(path.join(root, 'packages', name, 'action.yml')))
    .map((name) => path.join(root, 'packages', name));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const dir of actionDirs()) {
    const actionYml = readFileSync(path.join(dir, 'action.yml'), 'utf8');
    const readmePath = path.join(dir, 'README.md');
    const current = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
    const next = updateReadme(current, actionYml, parse(actionYml).name);
    if (next === current) continue;
    stale++;
    if (check) console.error(`${path.relative(root, readmePath)} is out of date: run node scripts/action-docs.mjs`);
    else {
      writeFileSync(readmePath, next);
      console.log(`wrote ${path.relative(root, readmePath)}`);
    }
  }
  if (check && stale > 0) process.exitCode = 1;
}
