import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readCheckoutFile } from '@circuitboard/checkout';
import { decodeUtf8File } from '@circuitboard/core';
import {
  PROPOSAL_TEMPLATE_PATH,
  type ProposalResult,
  parseProposal,
  renderProposalComment,
  type TakenSlug,
} from '@circuitboard/core/proposal';
import { loadCommunityConfig } from '../checkout.ts';
import { EXIT, UsageError } from '../io.ts';
import { registerCommand } from '../program.ts';

const FORMATS = ['text', 'json', 'comment'] as const;
type Format = (typeof FORMATS)[number];

interface ProposeOptions {
  bodyFile?: string;
  author: string;
  issue: string;
  format: string;
  template?: string;
  write?: boolean;
}

/** Folders under projects/ in the checkout: their slugs are taken. */
async function takenSlugs(root: string): Promise<TakenSlug[]> {
  try {
    const entries = await readdir(path.join(root, 'projects'), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => ({ slug: e.name, by: `the existing project projects/${e.name}` }));
  } catch {
    return [];
  }
}

function renderText(result: ProposalResult): string {
  const lines: string[] = [];
  for (const e of result.errors) lines.push(`error: ${e.field}: ${e.message}`);
  for (const w of result.warnings) lines.push(`note: ${w.field}: ${w.message}`);
  if (result.proposal) {
    for (const [file, content] of Object.entries(result.proposal.files)) {
      lines.push(`==> ${file} <==`, content.replace(/\n$/, ''), '');
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

registerCommand((program, io, setExit) => {
  program
    .command('propose')
    .description('check a proposal issue body offline and preview the project folder it would create')
    .requiredOption('--body-file <file>', 'the issue body (Markdown written by the proposal form); - reads stdin')
    .option('--author <login>', 'GitHub username of the issue author (the lead when Leads is empty)', 'your-username')
    .option('--issue <number>', 'the issue number written into project.yml', '1')
    .option('--format <format>', 'text (files or errors), json, or comment (the Markdown the bot would post)', 'text')
    .option(
      '--template <file>',
      `the issue form (default: ${PROPOSAL_TEMPLATE_PATH} in this checkout, else the built-in one)`,
    )
    .option('--write', 'also write the files into this checkout (never overwrites)')
    .action(async (options: ProposeOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new UsageError(`--format must be text, json or comment, not "${options.format}"`);
      }
      const issue = Number(options.issue);
      if (!Number.isInteger(issue) || issue < 1)
        throw new UsageError(`--issue must be a positive whole number, not "${options.issue}"`);
      const body =
        options.bodyFile === '-'
          ? decodeUtf8File(await readStdin(), 'standard input')
          : decodeUtf8File(await readFile(path.resolve(io.cwd, options.bodyFile!)), options.bodyFile!);
      const template = options.template
        ? decodeUtf8File(await readFile(path.resolve(io.cwd, options.template)), options.template)
        : readCheckoutFile(io.cwd, PROPOSAL_TEMPLATE_PATH);
      const result = parseProposal(body, {
        author: options.author.replace(/^@/, ''),
        issue,
        today: io.today(),
        taken: await takenSlugs(io.cwd),
        ...(template ? { template } : {}),
      });
      const format = options.format as Format;
      if (format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'comment') {
        const { proposals } = (await loadCommunityConfig(io.cwd)).config;
        io.stdout(
          renderProposalComment(result, {
            state: result.proposal ? 'ready' : 'needs-changes',
            labels: { approved: proposals.labels.approved },
            commands: proposals.commands,
          }),
        );
      } else io.stdout(renderText(result));

      if (result.proposal && options.write) {
        const files = Object.entries(result.proposal.files);
        for (const [file] of files) {
          if (existsSync(path.join(io.cwd, file)))
            throw new UsageError(`${file} already exists; --write never overwrites`);
        }
        for (const [file, content] of files) {
          const target = path.join(io.cwd, file);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, content, { encoding: 'utf8', flag: 'wx' });
          io.stderr(`wrote ${file}\n`);
        }
      }
      io.stderr(
        result.proposal
          ? `✓ the proposal is ready: projects/${result.proposal.slug}/\n`
          : `✗ ${result.errors.length} answer${result.errors.length === 1 ? '' : 's'} to change\n`,
      );
      setExit(result.proposal ? EXIT.ok : EXIT.invalid);
    });
});

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
