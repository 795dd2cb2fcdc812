import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, sampleCheckout } from './helpers.ts';

describe('circuitboard validate and generate on events/', () => {
  it('reports a broken event file at file:line:col and still checks the projects and the other events', async () => {
    const dir = sampleCheckout();
    const file = path.join(dir, 'events/reading-group.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('timezone: Europe/London', 'timezone: Europe/Londn'));
    const project = path.join(dir, 'projects/sae-feature-splitting/project.yml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('status: active', 'status: actve'));
    const result = await run(dir, 'validate', '--no-generated');
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(
      'events/reading-group.yml:8:11: error: timezone "Europe/Londn" is not an IANA time zone name; did you mean Europe/London? (timezone)',
    );
    expect(lines.some((l) => l.startsWith('projects/sae-feature-splitting/project.yml:'))).toBe(true);
    expect(result.stderr).toContain('in 4 projects and 1 event');
  });

  it('checks only the event paths it is given', async () => {
    const dir = sampleCheckout();
    writeFileSync(path.join(dir, 'projects/sae-feature-splitting/project.yml'), 'title: [unclosed\n');
    expect((await run(dir, 'validate', 'events/reading-group.yml', '--no-generated')).code).toBe(0);
    writeFileSync(path.join(dir, 'events/talk.yml'), 'kind: event\ntitle: A talk\n');
    const broken = await run(dir, 'validate', 'events', '--no-generated');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^events\/talk\.yml:\d+:\d+: error: timezone is required/m);
    expect(broken.stdout).not.toContain('projects/');
  });

  it('regenerates calendar.ics and README.md when an event changes, and --check fails until then', async () => {
    const dir = sampleCheckout();
    expect((await run(dir, 'generate', '--check')).code).toBe(0);
    const file = path.join(dir, 'events/reading-group.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: "18:00"', 'start: "18:30"'));
    const check = await run(dir, 'generate', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'events/calendar.ics:1:1: error: out of date with events/; run `pnpm circuitboard generate` and commit the result (generated-out-of-date)',
    );
    expect(check.stdout).toContain('events/README.md:1:1: error: out of date with events/');
    const validate = await run(dir, 'validate');
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(
      'events/calendar.ics:1:1: error: events/calendar.ics is out of date with events/',
    );
    const generated = await run(dir, 'generate');
    expect(generated.stdout).toBe('wrote events/calendar.ics\nwrote events/README.md\n');
    expect(readFileSync(path.join(dir, 'events/calendar.ics'), 'utf8')).toContain(
      'DTSTART;TZID=Europe/London:20260903T183000\r\n',
    );
    expect((await run(dir, 'generate', '--check')).code).toBe(0);
    // Generating again writes nothing: the output depends on the data only.
    expect((await run(dir, 'generate')).stdout).toBe('');
  });
});
