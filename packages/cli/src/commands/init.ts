import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry, planGeneratedFiles } from '@circuitboard/core';
import { CONFIG_PATH } from '../checkout.ts';
import { EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

/** Where the released actions live; adopters' workflows reference `<this>/<name>-action@v1`. */
export const ACTIONS_REPOSITORY = 'mechinterp-community/circuitboard/packages';

const templatesDir = () => {
  // dist/index.js and src/commands/init.ts both sit two levels under the package root... or one: find it.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'templates')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'templates');
};

export interface InitFile {
  path: string;
  content: string;
}

/** Every file `circuitboard init` writes, rendered for one community. Pure apart from reading the templates. */
export async function initFiles(community: string, actions = ACTIONS_REPOSITORY): Promise<InitFile[]> {
  const root = templatesDir();
  const files: InitFile[] = [];
  for (const name of (await readdir(path.join(root, 'workflows'))).sort()) {
    const text = await readFile(path.join(root, 'workflows', name), 'utf8');
    files.push({ path: `.github/workflows/${name}`, content: text.replaceAll('__ACTIONS__', actions) });
  }
  for (const name of (await readdir(path.join(root, 'ISSUE_TEMPLATE'))).sort()) {
    files.push({
      path: `.github/ISSUE_TEMPLATE/${name}`,
      content: await readFile(path.join(root, 'ISSUE_TEMPLATE', name), 'utf8'),
    });
  }
  const config = (await readFile(path.join(root, 'circuitboard.yml'), 'utf8')).replace(
    '__COMMUNITY__',
    JSON.stringify(community),
  );
  files.push({ path: CONFIG_PATH, content: config });
  const empty = loadRegistry({ files: new Map(), symlinks: [] });
  for (const generated of planGeneratedFiles(empty, () => undefined)) {
    files.push({ path: generated.path, content: generated.expected });
  }
  return files;
}

const NEXT_STEPS = (dir: string) => `
Three things are left to do by hand (docs/adopting.md walks through them):
  1. Discord: create a forum channel for projects and a webhook in it (or add the bot), then put the
     channel ids in ${path.join(dir, CONFIG_PATH)} — see docs/discord-setup.md.
  2. Secrets: in the repository settings, create an environment "discord" with the secret
     DISCORD_WEBHOOK_URL (and DISCORD_BOT_TOKEN in bot mode); add CIRCUITBOARD_TOKEN (a GitHub App or
     fine-grained token) so pull requests opened by the bot run your checks.
  3. Labels: run \`circuitboard init --labels --repo OWNER/NAME\` with GITHUB_TOKEN set, or create the
     proposal labels listed in ${CONFIG_PATH} yourself.
`;

registerCommand((program, io, setExit) => {
  program
    .command('init')
    .description('set up Circuitboard in a repository: config, issue form, workflows, projects/README.md')
    .argument('[dir]', 'the repository to set up', '.')
    .option('--community <name>', 'the community name shown in reports and on Discord')
    .option('--force', 'overwrite files that already exist')
    .option('--labels', 'also create the proposal labels on GitHub (needs GITHUB_TOKEN and --repo)')
    .option('--repo <owner/name>', 'the GitHub repository, for --labels')
    .action(
      async (dirArg: string, options: { community?: string; force?: boolean; labels?: boolean; repo?: string }) => {
        const dir = path.resolve(io.cwd, dirArg);
        if (!existsSync(dir)) throw new UsageError(`${dirArg}: no such folder; create it (and \`git init\` it) first`);
        const community = options.community ?? path.basename(dir);
        const files = await initFiles(community);
        let written = 0;
        for (const file of files) {
          const target = path.join(dir, file.path);
          if (existsSync(target) && !options.force) {
            io.stdout(`kept    ${file.path} (exists; --force to overwrite)\n`);
            continue;
          }
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(`${target}.circuitboard-tmp`, file.content, 'utf8');
          await rename(`${target}.circuitboard-tmp`, target);
          io.stdout(`wrote   ${file.path}\n`);
          written++;
        }
        await mkdir(path.join(dir, 'projects'), { recursive: true });
        if (options.labels) {
          const { createLabelsForInit } = await import('./init-labels.ts');
          await createLabelsForInit(dir, options.repo, io);
        }
        io.stdout(NEXT_STEPS(dirArg));
        io.stderr(`✓ ${written} file(s) written in ${dirArg}\n`);
        setExit(EXIT.ok);
      },
    );
});
