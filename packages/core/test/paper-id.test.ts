import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARXIV_OLD_ARCHIVES,
  arxivProblem,
  doiProblem,
  PAPER_ID_MAX,
  paperKey,
  paperUrl,
  parsePaperId,
  readPaperId,
} from '../src/paper-id.ts';

describe('readPaperId accepts real identifiers as written', () => {
  it.each([
    'arxiv:2211.00593', // Wang et al., IOI
    'arxiv:2211.00593v2',
    'arxiv:2301.05217', // Nanda et al., grokking progress measures
    'arxiv:0704.0001', // the first new-style id
    'arxiv:1412.9999',
    'arxiv:1501.00001',
    'arxiv:hep-th/9901001',
    'arxiv:math.AG/0501001',
    'arxiv:cond-mat.mes-hall/0612123v3',
    'arxiv:cs/9108001',
    'arxiv:quant-ph/0703999',
    'doi:10.48550/arXiv.2301.05217',
    'doi:10.1038/s41586-021-03819-2',
    'doi:10.1000.10/123456',
    'doi:10.1002/(SICI)1097-4636(199706)35:4<437::AID-JBM4>3.0.CO;2-G',
  ])('%s', (text) => {
    expect(readPaperId(text)).toEqual({ id: text });
    expect(parsePaperId(text)).toBeDefined();
  });
});

describe('readPaperId says which identifier is wrong and why', () => {
  it.each<[string, RegExp]>([
    [
      'arxiv:2211.0059',
      /^arxiv:2211\.0059 has 4 digits after the dot, but ids from January 2015 on have 5; new-style arXiv ids look like arxiv:2211\.00593$/,
    ],
    ['arxiv:1312.12345', /has 5 digits after the dot, but ids from April 2007 to December 2014 have 4/],
    ['arxiv:2213.00593', /starts with 2213, which is not a year and month \(YYMM: month 13 does not exist\)/],
    ['arxiv:2200.00593', /month 00 does not exist/],
    ['arxiv:0612.1234', /would be from December 2006, before new-style arXiv ids began in April 2007/],
    ['arxiv:2211.00000', /has the number 00000, which no paper has; numbers start at 00001/],
    ['arxiv:2211.00593v0', /versions start at v1/],
    ['arxiv:2211.00593v02', /without leading zeros/],
    ['arxiv:hep-thx/9901001', /names the archive "hep-thx", which arXiv does not have \(did you mean hep-th\?\)/],
    ['arxiv:nonsense/9901001', /names the archive "nonsense", which arXiv does not have; old-style/],
    ['arxiv:hep-th/0801001', /would be from January 2008, after old-style ids ended in March 2007/],
    ['arxiv:hep-th/9001001', /before arXiv began in August 1991/],
    ['arxiv:hep-th/99010011', /has 4 digits after the year and month, but old-style arXiv ids have 3/],
    ['arxiv:hep-th/9913001', /month 13 does not exist/],
    ['arxiv:hep-th/9901000', /the number 000/],
    ['arxiv:221100593', /has no dot/],
    ['arxiv:2211.00593 v2', /contains a space/],
    ['arxiv:', /has no id after it/],
    ['arxiv:attention-is-all', /is not an arXiv id/],
    ['doi:', /has no DOI after it/],
    ['doi:11.1234/abc', /does not start with "10\."/],
    ['doi:10.1234', /has no "\/" between the registrant/],
    ['doi:10.12/abc', /has "12" after "10\.", but a DOI's registrant is 4 to 9 digits/],
    ['doi:10.abcd/abc', /has "abcd" after "10\."/],
    ['doi:10.1234/', /has nothing after the "\/"/],
    ['doi:10.1234/a b', /contains a space or a line break/],
    ['doi:10.48550/arXiv.2211.0059', /is an arXiv DOI with a wrong arXiv id: arxiv:2211\.0059 has 4 digits/],
    ['pubmed:12345', /^"pubmed:12345" is not a paper identifier; write arxiv:<id>/],
    ['Attention is all you need', /is not a paper identifier/],
  ])('%s', (text, message) => {
    const reading = readPaperId(text);
    expect(reading.id).toBeUndefined();
    expect(reading.problem).toMatch(message);
    expect(parsePaperId(text)).toBeUndefined();
  });

  it('refuses text longer than the cap without reading it', () => {
    const reading = readPaperId(`doi:10.1234/${'x'.repeat(PAPER_ID_MAX)}`);
    expect(reading.id).toBeUndefined();
    expect(reading.problem).toMatch(/at most 300/);
  });
});

describe('readPaperId understands what people paste, and says how to write it', () => {
  it.each<[string, string, RegExp]>([
    ['https://arxiv.org/abs/2211.00593', 'arxiv:2211.00593', /is a link; write the identifier instead/],
    ['https://arxiv.org/pdf/2211.00593v2.pdf', 'arxiv:2211.00593v2', /is a link/],
    ['http://export.arxiv.org/abs/hep-th/9901001', 'arxiv:hep-th/9901001', /is a link/],
    ['https://doi.org/10.1038/s41586-021-03819-2', 'doi:10.1038/s41586-021-03819-2', /is a link/],
    ['https://dx.doi.org/10.1000%2F182', 'doi:10.1000/182', /is a link/],
    ['2211.00593', 'arxiv:2211.00593', /needs its prefix: write arxiv:2211\.00593/],
    ['hep-th/9901001', 'arxiv:hep-th/9901001', /needs its prefix/],
    ['10.1038/nature14539', 'doi:10.1038/nature14539', /needs its prefix: write doi:10\.1038\/nature14539/],
    ['arXiv:2211.00593', 'arxiv:2211.00593', /in lower case/],
    ['DOI: 10.1038/nature14539', 'doi:10.1038/nature14539', /in lower case and without spaces/],
    ['arxiv:arXiv:2211.00593', 'arxiv:2211.00593', /has more than the id after arxiv:; write arxiv:2211\.00593/],
    ['arxiv:https://arxiv.org/abs/2211.00593', 'arxiv:2211.00593', /has more than the id/],
    ['doi:https://doi.org/10.1038/nature14539', 'doi:10.1038/nature14539', /has more than the DOI/],
  ])('%s → %s', (text, id, message) => {
    const reading = readPaperId(text);
    expect(reading.id).toBe(id);
    expect(reading.problem).toMatch(message);
    expect(readPaperId(id)).toEqual({ id });
  });

  it('does not guess from a link to a wrong id', () => {
    expect(readPaperId('https://arxiv.org/abs/2211.0059')).toEqual({
      problem: expect.stringMatching(/^arxiv:2211\.0059 has 4 digits/),
    });
  });
});

describe('paperKey and paperUrl', () => {
  it('treats versions, DOI case and arXiv DOIs as the same paper', () => {
    expect(paperKey('arxiv:2211.00593v2')).toBe('arxiv:2211.00593');
    expect(paperKey('doi:10.48550/arXiv.2211.00593')).toBe('arxiv:2211.00593');
    expect(paperKey('doi:10.1038/NATURE14539')).toBe(paperKey('doi:10.1038/nature14539'));
    expect(paperKey('arxiv:hep-th/9901001v3')).toBe('arxiv:hep-th/9901001');
    expect(paperKey('arxiv:2211.0059')).toBeUndefined();
  });

  it('links to arxiv.org and doi.org', () => {
    expect(paperUrl('arxiv:2211.00593')).toBe('https://arxiv.org/abs/2211.00593');
    expect(paperUrl('arxiv:2211.00593v2')).toBe('https://arxiv.org/abs/2211.00593v2');
    expect(paperUrl('arxiv:math.AG/0501001')).toBe('https://arxiv.org/abs/math.AG/0501001');
    expect(paperUrl('doi:10.1002/(SICI)1097-4636(199706)35:4<437::AID-JBM4>3.0.CO;2-G')).toBe(
      'https://doi.org/10.1002/(SICI)1097-4636(199706)35:4%3C437::AID-JBM4%3E3.0.CO%3B2-G',
    );
    expect(paperUrl('nope')).toBeUndefined();
  });
});

// Generators of identifiers that are valid by construction, from arXiv's and the DOI handbook's rules.
const yymm = (from: number, to: number) =>
  fc
    .integer({ min: from, max: to })
    .filter((ym) => ym % 100 >= 1 && ym % 100 <= 12)
    .map((ym) => String(ym % 10_000).padStart(4, '0'));
const version = fc.option(
  fc.integer({ min: 1, max: 99 }).map((v) => `v${v}`),
  { nil: '' },
);
const digits = (n: number) => fc.integer({ min: 1, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
const newStyle = fc.oneof(
  fc.tuple(yymm(200704, 201412), digits(4), version).map(([d, n, v]) => `${d}.${n}${v}`),
  fc.tuple(yymm(201501, 209012), digits(5), version).map(([d, n, v]) => `${d}.${n}${v}`),
);
const oldStyle = fc
  .tuple(
    fc.constantFrom(...ARXIV_OLD_ARCHIVES),
    fc.oneof(yymm(199108, 199912), yymm(200001, 200703)),
    digits(3),
    version,
  )
  .map(([a, d, n, v]) => `${a}/${d}${n}${v}`);
const doi = fc
  .tuple(fc.integer({ min: 1000, max: 999_999_999 }), fc.stringMatching(/^[-._;()/:A-Za-z0-9<>[\]]{1,60}$/))
  .map(([registrant, suffix]) => `10.${registrant}/${suffix}`);

describe('identifier checkers (property)', () => {
  it('accept every valid arXiv id and DOI, and key them stably', () => {
    fc.assert(
      fc.property(fc.oneof(newStyle, oldStyle), (id) => {
        expect(arxivProblem(id)).toBeUndefined();
        expect(readPaperId(`arxiv:${id}`)).toEqual({ id: `arxiv:${id}` });
        expect(paperKey(`arxiv:${id}`)).toBe(`arxiv:${id.replace(/v\d+$/, '')}`);
        expect(new URL(paperUrl(`arxiv:${id}`) ?? '').hostname).toBe('arxiv.org');
      }),
    );
    fc.assert(
      fc.property(doi, (d) => {
        expect(doiProblem(d)).toBeUndefined();
        expect(readPaperId(`doi:${d}`)).toEqual({ id: `doi:${d}` });
        expect(new URL(paperUrl(`doi:${d}`) ?? '').hostname).toBe('doi.org');
      }),
    );
  });

  it('refuse a new-style id with a digit dropped or added after the dot, naming it', () => {
    fc.assert(
      fc.property(newStyle, fc.boolean(), (id, drop) => {
        const [head, tail = ''] = id.replace(/v\d+$/, '').split('.');
        const changed = `arxiv:${head}.${drop ? tail.slice(1) : `${tail}7`}`;
        const { id: read, problem } = readPaperId(changed);
        expect(read).toBeUndefined();
        expect(problem?.startsWith(changed)).toBe(true);
        expect(problem).toMatch(/digits? after the dot/);
      }),
    );
  });

  it('never throw, and either accept text exactly or explain, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string().map((s) => `arxiv:${s}`),
          fc.string().map((s) => `doi:10.${s}`),
          fc.string({ unit: 'grapheme' }).map((s) => `https://arxiv.org/abs/${s}`),
        ),
        (text) => {
          const reading = readPaperId(text);
          expect(reading.id !== undefined || reading.problem !== undefined).toBe(true);
          if (reading.problem === undefined) expect(reading.id).toBe(text);
          if (reading.id !== undefined) expect(readPaperId(reading.id)).toEqual({ id: reading.id });
          expect(parsePaperId(text) !== undefined).toBe(reading.problem === undefined);
        },
      ),
      { numRuns: 500 },
    );
  });
});
