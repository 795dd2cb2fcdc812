import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run, sampleCheckout } from './helpers.ts';

describe('circuitboard validate', () => {
  it('passes on the sample projects of this repository', async () => {
    const result = await run(sampleCheckout(), 'validate');
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('✓ 5 projects valid');
    expect(result.code).toBe(0);
  });

  it('reports a broken project.yml with file:line:col and still reports the other broken files', async () => {
    const dir = sampleCheckout();
    const file = path.join(dir, 'projects/sae-feature-splitting/project.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('due: 2026-11-21', 'due: 2026-02-30'));
    const other = path.join(dir, 'projects/othello-world-model-probes/project.yml');
    writeFileSync(other, readFileSync(other, 'utf8').replace('milestones:', 'milstones:'));
    const result = await run(dir, 'validate');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    const due = lines.find((line) => line.startsWith('projects/sae-feature-splitting/project.yml:'));
    expect(due).toMatch(/^projects\/sae-feature-splitting\/project\.yml:\d+:\d+: error: .*2026-02-30|calendar/);
    const [, line, column] = /:(\d+):(\d+):/.exec(due!)!;
    const source = readFileSync(file, 'utf8').split('\n')[Number(line) - 1]!;
    expect(source.slice(Number(column) - 1)).toBe('2026-02-30');
    expect(
      lines.some((l) =>
        /^projects\/othello-world-model-probes\/project\.yml:\d+:\d+: error: .*did you mean "milestones"/.test(l),
      ),
    ).toBe(true);
  });

  it('checks only the paths it is given', async () => {
    const dir = sampleCheckout();
    writeFileSync(path.join(dir, 'projects/sae-feature-splitting/project.yml'), 'title: [unclosed\n');
    const clean = await run(dir, 'validate', 'projects/induction-heads-pythia');
    expect(clean.code).toBe(0);
    const broken = await run(dir, 'validate', 'projects/sae-feature-splitting/project.yml');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^projects\/sae-feature-splitting\/project\.yml:\d+:\d+: error: .*\(yaml-syntax\)/);
  });

  it('refuses a symlink and a file that does not belong in a project folder', async () => {
    const dir = sampleCheckout();
    symlinkSync('/etc/passwd', path.join(dir, 'projects/induction-heads-pythia/notes.md'));
    writeFileSync(path.join(dir, 'projects/induction-heads-pythia/data.csv'), 'a,b\n');
    const result = await run(dir, 'validate', '--no-generated');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/notes\.md:1:1: error: .*\(symlink\)/);
    expect(result.stdout).toMatch(/data\.csv:1:1: error: .*\(unexpected-file\)/);
  });

  it('prints JSON with every diagnostic when asked', async () => {
    const dir = sampleCheckout();
    mkdirSync(path.join(dir, 'projects/Bad_Slug'));
    writeFileSync(
      path.join(dir, 'projects/Bad_Slug/project.yml'),
      readFileSync(path.join(repoRoot, 'projects/induction-heads-pythia/project.yml')),
    );
    const result = await run(dir, 'validate', '--format', 'json', '--no-generated');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      diagnostics: Array<{ file: string; rule: string; line: number }>;
    };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.some((d) => d.file.startsWith('projects/Bad_Slug/') && d.rule === 'slug-folder')).toBe(
      true,
    );
  });

  it('fails when the generated files are out of date and names the command that fixes it', async () => {
    const dir = sampleCheckout();
    const file = path.join(dir, 'projects/induction-heads-pythia/project.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('github: alice-nguyen', 'github: alice-n'));
    const result = await run(dir, 'validate');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('.github/CODEOWNERS:1:1: error: .github/CODEOWNERS is out of date');
    expect(result.stdout).toContain('pnpm circuitboard generate');
    const generated = await run(dir, 'generate');
    expect(generated.stdout).toContain('wrote .github/CODEOWNERS');
    expect(readFileSync(path.join(dir, '.github/CODEOWNERS'), 'utf8')).toContain(
      '/projects/induction-heads-pythia/ @alice-n',
    );
    expect((await run(dir, 'validate')).code).toBe(0);
    expect((await run(dir, 'generate', '--check')).code).toBe(0);
  });

  it('reports files that are not UTF-8 at their first bad byte and checks everything else', async () => {
    const dir = sampleCheckout();
    const project = path.join(dir, 'projects/sae-feature-splitting/project.yml');
    const text = readFileSync(project, 'utf8');
    // The title saved as Windows-1252 by an editor: é is one byte, 0xE9.
    writeFileSync(project, Buffer.from(text.replace(/^title: /m, 'title: Café '), 'latin1'));
    const config = path.join(dir, '.github/circuitboard.yml');
    writeFileSync(config, Buffer.concat([readFileSync(config), Buffer.from([0x0a, 0x23, 0x20, 0x93, 0x0a])]));
    const other = path.join(dir, 'projects/othello-world-model-probes/project.yml');
    writeFileSync(other, readFileSync(other, 'utf8').replace('milestones:', 'milstones:'));
    const result = await run(dir, 'validate');
    expect(result.code).toBe(1);
    const titleLine = text.split('\n').findIndex((line) => line.startsWith('title: ')) + 1;
    const configLine = readFileSync(config).subarray(0, -3).toString('latin1').split('\n').length;
    expect(result.stdout).toContain(
      `projects/sae-feature-splitting/project.yml:${titleLine}:11: error: the file is not UTF-8 text: byte 0xE9 here`,
    );
    expect(result.stdout).toContain(
      `.github/circuitboard.yml:${configLine}:3: error: the file is not UTF-8 text: byte 0x93`,
    );
    expect(result.stdout).toMatch(/re-save the file as UTF-8.*\(not-utf8\)/);
    expect(result.stdout).toMatch(
      /othello-world-model-probes\/project\.yml:\d+:\d+: error: .*did you mean "milestones"/,
    );
  });

  it('generate leaves a generated file that is not UTF-8 alone and says where it stops being UTF-8', async () => {
    const dir = sampleCheckout();
    const owners = path.join(dir, '.github/CODEOWNERS');
    const before = Buffer.concat([Buffer.from('# Propri\xe9taires\n', 'latin1'), readFileSync(owners)]);
    writeFileSync(owners, before);
    const result = await run(dir, 'generate');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\.github\/CODEOWNERS:1:9: error: the file is not UTF-8 text/);
    expect(result.stderr).not.toContain('internal error');
    expect(readFileSync(owners)).toEqual(before);
  });

  it('answers a usage error with exit 2 and one line, never a stack trace', async () => {
    const dir = sampleCheckout();
    const badFormat = await run(dir, 'validate', '--format', 'xml');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toBe('circuitboard: --format must be text or json, not "xml"\n');
    const missing = await run(dir, 'validate', 'projects/nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^circuitboard: projects\/nope: no such file or folder/);
    const unknown = await run(dir, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the built command', () => {
  const bin = path.join(repoRoot, 'packages/cli/dist/bin.js');
  it.skipIf(!existsSync(bin))('exits 1 on a broken file and 0 when fixed, as a process', () => {
    const dir = sampleCheckout();
    const file = path.join(dir, 'projects/grokking-modular-addition/project.yml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('status: completed', 'status: complete'));
    let status = 0;
    let stdout = '';
    try {
      execFileSync(process.execPath, [bin, 'validate'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failure = error as { status: number; stdout: string };
      status = failure.status;
      stdout = failure.stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /^projects\/grokking-modular-addition\/project\.yml:\d+:9: error: .*did you mean "completed"/m,
    );
    writeFileSync(file, good);
    expect(execFileSync(process.execPath, [bin, 'validate'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' })).toBe('');
  });
});
