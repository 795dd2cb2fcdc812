import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnostic } from '../src/diagnostics.ts';
import { addTreeFile, loadRegistry, type ProjectTree } from '../src/registry.ts';
import { decodeUtf8, decodeUtf8File, firstInvalidByte, NotUtf8Error, notUtf8Diagnostic } from '../src/utf8.ts';
import { TODAY, VALID_YAML } from './fixtures.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));
const BOM = [0xef, 0xbb, 0xbf];
/** Any Unicode text (no lone surrogates), every UTF-8 length alike: 1, 2, 3 and 4 bytes. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0x7ff }),
      fc.integer({ min: 0x800, max: 0xd7ff }),
      fc.integer({ min: 0xe000, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    ),
  )
  .map((codePoints) => String.fromCodePoint(...codePoints));
/** Several lines of it. */
const anyLines = fc.array(fc.oneof(anyText, fc.constantFrom('\n', '\r\n'))).map((parts) => parts.join(''));
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isUtf8(data: Uint8Array): boolean {
  try {
    strict.decode(data);
    return true;
  } catch {
    return false;
  }
}

describe('decodeUtf8', () => {
  it.each([
    ['Latin-1 é in a value', bytes('title: caf', [0xe9], '\n'), { line: 1, column: 11, byte: 0xe9 }],
    ['a stray continuation byte', bytes('a: 1\nb: x', [0x80]), { line: 2, column: 5, byte: 0x80 }],
    ['an overlong encoding of "/"', bytes('x', [0xc0, 0xaf]), { line: 1, column: 2, byte: 0xc0 }],
    ['a UTF-16 surrogate written as UTF-8', bytes([0xed, 0xa0, 0x80]), { line: 1, column: 1, byte: 0xed }],
    ['a code point above U+10FFFF', bytes('ok\n', [0xf4, 0x90, 0x80, 0x80]), { line: 2, column: 1, byte: 0xf4 }],
    ['a sequence cut off at the end of the file', bytes('€ ', [0xe2, 0x82]), { line: 1, column: 3, byte: 0xe2 }],
    ['a sequence cut off by an ASCII byte', bytes([0xe2, 0x82], 'a'), { line: 1, column: 1, byte: 0xe2 }],
  ])('finds %s at its first bad byte', (_name, data, expected) => {
    expect(decodeUtf8(data).problem).toMatchObject(expected);
  });

  it('counts columns in UTF-16 code units, as the YAML parser does for every other diagnostic', () => {
    // 😀 is two UTF-16 code units, é one: the bad byte is the 4th column.
    expect(decodeUtf8(bytes('😀é', [0xff])).problem).toMatchObject({ line: 1, column: 4 });
    // Only \n ends a line; \r\n counts the \r on the line before, like yaml's LineCounter.
    expect(decodeUtf8(bytes('a\r\nb', [0xff])).problem).toMatchObject({ line: 2, column: 2 });
  });

  it('drops a leading byte order mark, and does not count it as a column', () => {
    expect(decodeUtf8(bytes(BOM, 'title: x\n'))).toEqual({ text: 'title: x\n' });
    expect(decodeUtf8(bytes(BOM, 'ab', [0xff])).problem).toMatchObject({ line: 1, column: 3, offset: 5 });
    // Anywhere else U+FEFF is text (the invisible-character rule reports it).
    expect(decodeUtf8(bytes('a', BOM)).text).toBe('a\uFEFF');
  });

  it('any valid UTF-8 round-trips, and with a byte order mark in front it round-trips too', () => {
    fc.assert(
      fc.property(
        anyText,
        (text) =>
          decodeUtf8(bytes(BOM, text)).text === text &&
          (text.startsWith('\uFEFF') || decodeUtf8(utf8(text)).text === text),
      ),
    );
  });

  it('refuses exactly what a strict UTF-8 decoder refuses, on any bytes', () => {
    // Mostly-valid input finds the interesting edges; raw bytes find the rest.
    const nearlyUtf8 = fc.tuple(anyText, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
      const data = utf8(text);
      if (data.length > 0) data[at % data.length] = byte;
      return data;
    });
    fc.assert(
      fc.property(fc.oneof(nearlyUtf8, fc.uint8Array({ maxLength: 12 })), (data) => {
        expect(firstInvalidByte(data) === -1).toBe(isUtf8(data));
        const decoded = decodeUtf8(data);
        if (decoded.problem) expect(isUtf8(data.subarray(0, decoded.problem.offset))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the error where the YAML parser would put a diagnostic on the same character', () => {
    fc.assert(
      fc.property(anyLines, fc.integer({ min: 0xf8, max: 0xff }), (before, bad) => {
        fc.pre(!before.startsWith('\uFEFF'));
        const problem = decodeUtf8(bytes(before, [bad], 'rest')).problem;
        const lines = new LineCounter();
        parseDocument(`${before}x`, { lineCounter: lines });
        const { line, col } = lines.linePos(before.length);
        expect(problem).toMatchObject({ line, column: col });
      }),
    );
  });
});

describe('the not-utf8 diagnostic', () => {
  it('names the file, line and column and says to re-save as UTF-8', () => {
    const problem = decodeUtf8(bytes('title: caf', [0xe9])).problem!;
    expect(formatDiagnostic(notUtf8Diagnostic('projects/x/project.yml', problem))).toBe(
      'projects/x/project.yml:1:11: error: the file is not UTF-8 text: byte 0xE9 here does not belong to a UTF-8 character (it was probably saved as Windows-1252 or Latin-1); re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8) and check the characters at this place (not-utf8)',
    );
  });

  it('recognises a file saved as UTF-16', () => {
    const problem = decodeUtf8(bytes([0xff, 0xfe], 't\0')).problem!;
    expect(notUtf8Diagnostic('.github/circuitboard.yml', problem).message).toContain('it looks like UTF-16');
  });

  it('decodeUtf8File throws a NotUtf8Error that carries the diagnostic', () => {
    expect(decodeUtf8File(utf8('ok'), 'a.yml')).toBe('ok');
    const error = (() => {
      try {
        decodeUtf8File(bytes('a\nb', [0xff]), 'a.yml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NotUtf8Error);
    expect((error as NotUtf8Error).diagnostic).toMatchObject({ file: 'a.yml', line: 2, column: 2, rule: 'not-utf8' });
    expect((error as NotUtf8Error).message).toMatch(/^a\.yml:2:2: the file is not UTF-8/);
  });
});

describe('files that are not UTF-8 in a project tree', () => {
  function tree(files: Record<string, string | Uint8Array>): ProjectTree {
    const out: ProjectTree = { files: new Map(), symlinks: [] };
    for (const [path, content] of Object.entries(files))
      addTreeFile(out, path, typeof content === 'string' ? utf8(content) : content);
    return out;
  }

  it('a project.yml that is not UTF-8 is an error at its bad byte; the project counts as not loaded and the others load', () => {
    const registry = loadRegistry(
      tree({
        'projects/alpha/project.yml': bytes('title: Caf', [0xe9], '\nstatus: active\n'),
        'projects/alpha/README.md': '# Alpha\n',
        'projects/beta/project.yml': VALID_YAML,
      }),
      { today: TODAY },
    );
    expect(registry.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'projects/alpha/project.yml:1:11 not-utf8',
    ]);
    expect(registry.projects.map((p) => p.slug)).toEqual(['beta']);
    expect(registry.invalid).toEqual(['alpha']);
  });

  it('an update that is not UTF-8 is an error and is left out; the project and its other updates stay', () => {
    const registry = loadRegistry(
      tree({
        'projects/beta/project.yml': VALID_YAML,
        'projects/beta/updates/2026-11-01-good.md': '# Good\n\nFine.\n',
        'projects/beta/updates/2026-11-02-bad.md': bytes('# Bad\n\nna', [0xef, 0xbb], 've\n'),
      }),
      { today: TODAY },
    );
    expect(registry.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'projects/beta/updates/2026-11-02-bad.md:3:3 not-utf8',
    ]);
    expect(registry.updates.map((u) => u.path)).toEqual(['projects/beta/updates/2026-11-01-good.md']);
    expect(registry.projects.map((p) => p.slug)).toEqual(['beta']);
  });

  it('a file that is not UTF-8 still has its name checked', () => {
    const registry = loadRegistry(
      tree({ 'projects/beta/project.yml': VALID_YAML, 'projects/beta/notes.txt': bytes([0xff]) }),
      { today: TODAY },
    );
    expect(registry.diagnostics.map((d) => d.rule).sort()).toEqual(['not-utf8', 'unexpected-file']);
  });
});
