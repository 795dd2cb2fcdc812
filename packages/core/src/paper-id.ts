// Paper identifiers in project.yml: `arxiv:<id>` and `doi:<doi>`, checked offline by their syntax so that a typo
// is caught where it is written, with the reason in words.
import { closest, distance } from 'fastest-levenshtein';
import { MONTH_NAMES } from './dates.ts';

export const ARXIV_PREFIX = 'arxiv:';
export const DOI_PREFIX = 'doi:';
/** Longest identifier accepted; real DOIs stay far below. */
export const PAPER_ID_MAX = 300;

const ARXIV_EXAMPLE = 'arxiv:2211.00593';
const OLD_ARXIV_EXAMPLE = 'arxiv:hep-th/9901001';
const DOI_EXAMPLE = 'doi:10.48550/arXiv.2301.05217';
/** arXiv's own DOIs: 10.48550/arXiv.<arXiv id>. */
const ARXIV_DOI_REGISTRANT = '48550';

/** The archives of old-style arXiv ids (1991-08 to 2007-03), current and retired. */
export const ARXIV_OLD_ARCHIVES: readonly string[] = [
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'q-fin',
  'quant-ph',
  'solv-int',
  'stat',
  'supr-con',
];

/** A checked identifier, split into its parts. */
export type PaperId =
  | { scheme: 'arxiv'; id: string; version: number | null; style: 'new' | 'old' }
  | { scheme: 'doi'; doi: string; registrant: string; suffix: string };

/** What a piece of text says about a paper. */
export interface PaperReading {
  /** The identifier as it is written in project.yml, when the text names a paper unambiguously. */
  id?: string;
  /**
   * Why the text is not that identifier: set with `id` when the text was understood but is written another way
   * (a link, a missing or capitalised prefix), alone when it names no valid paper. The message quotes the text.
   */
  problem?: string;
}

/**
 * `YYMM` as a number that sorts across the century: 9108 → 199108, 0703 → 200703. Two-digit years from `pivot` on are
 * read as 19YY: 91 for new-style ids (which began in 2007), 50 for old-style ones (1991–2007).
 */
function yearMonth(yymm: string, pivot: number): number {
  const yy = Number(yymm.slice(0, 2));
  return (yy >= pivot ? 1900 + yy : 2000 + yy) * 100 + Number(yymm.slice(2));
}

function monthName(yymm: string, pivot: number): string {
  const ym = yearMonth(yymm, pivot);
  return `${MONTH_NAMES[(ym % 100) - 1]} ${Math.floor(ym / 100)}`;
}

const NEW_STYLE = /^(\d{4})\.(\d+)(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.([A-Za-z]+(?:-[A-Za-z]+)?))?\/(\d{4})(\d+)(?:v(\d+))?$/;
const VERSION = /^[1-9]\d{0,2}$/;

function versionProblem(written: string, version: string | undefined): string | undefined {
  if (version === undefined || VERSION.test(version)) return undefined;
  if (Number(version) === 0)
    return `${written} asks for version v${version}, but versions start at v1; leave the version out to mean the latest`;
  if (version.startsWith('0'))
    return `${written} has the version written v${version}; write it without leading zeros, like v2`;
  return `${written} asks for version v${version}, which no paper has; versions are small numbers like v2, or leave it out to mean the latest`;
}

/** Checks the part after `arxiv:`; returns why it is not an arXiv id, or undefined when it is one. */
export function arxivProblem(rest: string): string | undefined {
  const written = `${ARXIV_PREFIX}${rest}`;
  if (rest === '') return `${ARXIV_PREFIX} has no id after it; write one like ${ARXIV_EXAMPLE}`;
  const fresh = NEW_STYLE.exec(rest);
  if (fresh) {
    const [, yymm = '', number = '', version] = fresh;
    const month = Number(yymm.slice(2));
    if (month < 1 || month > 12) {
      return `${written} starts with ${yymm}, which is not a year and month (YYMM: month ${yymm.slice(2)} does not exist); new-style arXiv ids look like ${ARXIV_EXAMPLE}`;
    }
    if (yearMonth(yymm, 91) < 200704) {
      return `${written} would be from ${monthName(yymm, 91)}, before new-style arXiv ids began in April 2007; papers from then have ids like ${OLD_ARXIV_EXAMPLE}`;
    }
    const digits = yearMonth(yymm, 91) <= 201412 ? 4 : 5;
    if (number.length !== digits) {
      const era = digits === 4 ? 'ids from April 2007 to December 2014 have 4' : 'ids from January 2015 on have 5';
      const example = digits === 4 ? 'arxiv:0704.0001' : ARXIV_EXAMPLE;
      return `${written} has ${number.length} digit${number.length === 1 ? '' : 's'} after the dot, but ${era}; new-style arXiv ids look like ${example}`;
    }
    if (/^0+$/.test(number))
      return `${written} has the number ${number}, which no paper has; numbers start at ${'0'.repeat(digits - 1)}1`;
    return versionProblem(written, version);
  }
  const old = OLD_STYLE.exec(rest);
  if (old) {
    const [, archive = '', , yymm = '', number = '', version] = old;
    if (!ARXIV_OLD_ARCHIVES.includes(archive)) {
      const guess = closest(archive, ARXIV_OLD_ARCHIVES as string[]);
      const hint = distance(archive, guess) <= 2 ? ` (did you mean ${guess}?)` : '';
      return `${written} names the archive "${archive}", which arXiv does not have${hint}; old-style ids look like ${OLD_ARXIV_EXAMPLE}`;
    }
    const month = Number(yymm.slice(2));
    if (month < 1 || month > 12) {
      return `${written} has ${yymm} after the archive, which is not a year and month (YYMM: month ${yymm.slice(2)} does not exist); old-style ids look like ${OLD_ARXIV_EXAMPLE}`;
    }
    const when = yearMonth(yymm, 50);
    if (when < 199108)
      return `${written} would be from ${monthName(yymm, 50)}, before arXiv began in August 1991; check the year and month (YYMM)`;
    if (when > 200703) {
      return `${written} would be from ${monthName(yymm, 50)}, after old-style ids ended in March 2007; papers from then have new-style ids like ${ARXIV_EXAMPLE}`;
    }
    if (number.length !== 3) {
      return `${written} has ${number.length} digit${number.length === 1 ? '' : 's'} after the year and month, but old-style arXiv ids have 3, like ${OLD_ARXIV_EXAMPLE}`;
    }
    if (number === '000') return `${written} has the number 000, which no paper has; numbers start at 001`;
    return versionProblem(written, version);
  }
  if (/^\d{4}\.\d+\s*v/.test(rest) || /\s/.test(rest)) {
    return `${written} contains a space; write the id in one piece, like ${ARXIV_EXAMPLE} or ${ARXIV_EXAMPLE}v2`;
  }
  if (/^\d{4}\d+$/.test(rest)) {
    return `${written} has no dot; new-style arXiv ids are the year and month, a dot and a number, like ${ARXIV_EXAMPLE}`;
  }
  return `${written} is not an arXiv id; they look like ${ARXIV_EXAMPLE} (or ${OLD_ARXIV_EXAMPLE} for papers before April 2007)`;
}

const REGISTRANT = /^\d{4,9}(?:\.\d+)*$/;

/** Checks the part after `doi:`; returns why it is not a DOI, or undefined when it is one. */
export function doiProblem(rest: string): string | undefined {
  const written = `${DOI_PREFIX}${rest}`;
  if (rest === '') return `${DOI_PREFIX} has no DOI after it; write one like ${DOI_EXAMPLE}`;
  if (!rest.startsWith('10.')) {
    return `${written} does not start with "10.", which every DOI does; a DOI looks like ${DOI_EXAMPLE}`;
  }
  const slash = rest.indexOf('/');
  if (slash < 0) {
    return `${written} has no "/" between the registrant (the digits after 10.) and the item's own suffix; a DOI looks like ${DOI_EXAMPLE}`;
  }
  const registrant = rest.slice(3, slash);
  const suffix = rest.slice(slash + 1);
  if (!REGISTRANT.test(registrant)) {
    return `${written} has "${registrant}" after "10.", but a DOI's registrant is 4 to 9 digits (optionally with dot-separated sub-numbers), like the 48550 in ${DOI_EXAMPLE}`;
  }
  if (suffix === '')
    return `${written} has nothing after the "/"; the suffix names the item, like the arXiv.2301.05217 in ${DOI_EXAMPLE}`;
  if (/[\s\u0000-\u001f\u007f]/.test(suffix)) {
    return `${written} contains a space or a line break; a DOI is written in one piece, like ${DOI_EXAMPLE}`;
  }
  if (registrant === ARXIV_DOI_REGISTRANT && /^arxiv\./i.test(suffix)) {
    const inner = arxivProblem(suffix.slice('arxiv.'.length));
    if (inner) return `${written} is an arXiv DOI with a wrong arXiv id: ${inner}`;
  }
  return undefined;
}

/** Parses a written identifier; undefined when it is not exactly a valid `arxiv:` or `doi:` identifier. */
export function parsePaperId(text: string): PaperId | undefined {
  if (text.length > PAPER_ID_MAX) return undefined;
  if (text.startsWith(ARXIV_PREFIX)) {
    const rest = text.slice(ARXIV_PREFIX.length);
    if (arxivProblem(rest) !== undefined) return undefined;
    const fresh = NEW_STYLE.exec(rest);
    if (fresh)
      return {
        scheme: 'arxiv',
        id: `${fresh[1]}.${fresh[2]}`,
        version: fresh[3] ? Number(fresh[3]) : null,
        style: 'new',
      };
    const old = OLD_STYLE.exec(rest) as RegExpExecArray;
    const version = old[5];
    return {
      scheme: 'arxiv',
      id: version === undefined ? rest : rest.slice(0, rest.length - version.length - 1),
      version: version ? Number(version) : null,
      style: 'old',
    };
  }
  if (text.startsWith(DOI_PREFIX)) {
    const rest = text.slice(DOI_PREFIX.length);
    if (doiProblem(rest) !== undefined) return undefined;
    const slash = rest.indexOf('/');
    return { scheme: 'doi', doi: rest, registrant: rest.slice(3, slash), suffix: rest.slice(slash + 1) };
  }
  return undefined;
}

/**
 * The paper a written identifier stands for, for finding duplicates: arXiv ids without their version, DOIs in
 * lower case (DOIs are case-insensitive), and arXiv's own DOIs (10.48550/arXiv.<id>) as the arXiv id they name.
 */
export function paperKey(text: string): string | undefined {
  const paper = parsePaperId(text);
  if (!paper) return undefined;
  if (paper.scheme === 'arxiv') return `arxiv:${paper.id}`;
  if (paper.registrant === ARXIV_DOI_REGISTRANT && /^arxiv\./i.test(paper.suffix)) {
    const inner = parsePaperId(`${ARXIV_PREFIX}${paper.suffix.slice('arxiv.'.length)}`);
    if (inner?.scheme === 'arxiv') return `arxiv:${inner.id}`;
  }
  return `doi:${paper.doi.toLowerCase()}`;
}

/** Where a checked identifier is read on the web: arxiv.org/abs/… or doi.org/…; undefined when it is not valid. */
export function paperUrl(text: string): string | undefined {
  const paper = parsePaperId(text);
  if (!paper) return undefined;
  if (paper.scheme === 'arxiv') return `https://arxiv.org/abs/${paper.id}${paper.version ? `v${paper.version}` : ''}`;
  return `https://doi.org/${paper.doi.split('/').map(encodeDoiPart).join('/')}`;
}

function encodeDoiPart(part: string): string {
  return encodeURIComponent(part).replace(/%3A/gi, ':');
}

const ARXIV_LINK = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const DOI_LINK = /^https?:\/\/(?:dx\.)?doi\.org\/(.+?)\/?(?:[?#].*)?$/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The identifier a link, bare id or differently-prefixed text most likely means; undefined when none. */
function understood(text: string): string | undefined {
  const arxivLink = ARXIV_LINK.exec(text);
  if (arxivLink) return `${ARXIV_PREFIX}${decode(arxivLink[1] ?? '')}`;
  const doiLink = DOI_LINK.exec(text);
  if (doiLink) return `${DOI_PREFIX}${decode(doiLink[1] ?? '')}`;
  const prefix = /^(arxiv|doi)\s*:\s*/i.exec(text);
  if (prefix) {
    const scheme = (prefix[1] ?? '').toLowerCase();
    const rest = text.slice(prefix[0].length);
    // A doubled prefix (`arxiv:arXiv:…`) or a link after the prefix reads the same as without it.
    const inner = understood(rest);
    if (inner?.startsWith(`${scheme}:`)) return inner;
    return `${scheme}:${rest}`;
  }
  if (NEW_STYLE.test(text) || OLD_STYLE.test(text)) return `${ARXIV_PREFIX}${text}`;
  if (text.startsWith('10.') && text.includes('/')) return `${DOI_PREFIX}${text}`;
  return undefined;
}

/**
 * Reads what a person wrote for a paper. An exact, valid identifier comes back as `{ id }`; a link to arxiv.org or
 * doi.org, a bare id or a prefix written differently comes back as `{ id, problem }` (the problem says how to write
 * it); anything else as `{ problem }` saying which part is wrong and why.
 */
export function readPaperId(text: string): PaperReading {
  if (text.length > PAPER_ID_MAX) {
    return {
      problem: `"${text.slice(0, 40)}…" is ${text.length} characters long; a paper identifier is at most ${PAPER_ID_MAX}, like ${ARXIV_EXAMPLE}`,
    };
  }
  if (text.startsWith(ARXIV_PREFIX)) {
    const rest = text.slice(ARXIV_PREFIX.length);
    const inner = rest === '' ? undefined : understood(rest);
    if (
      inner?.startsWith(ARXIV_PREFIX) &&
      inner !== text &&
      arxivProblem(inner.slice(ARXIV_PREFIX.length)) === undefined
    )
      return { id: inner, problem: `${text} has more than the id after arxiv:; write ${inner}` };
    const problem = arxivProblem(rest);
    return problem ? { problem } : { id: text };
  }
  if (text.startsWith(DOI_PREFIX)) {
    const rest = text.slice(DOI_PREFIX.length);
    const inner = rest === '' ? undefined : understood(rest);
    if (inner?.startsWith(DOI_PREFIX) && inner !== text && doiProblem(inner.slice(DOI_PREFIX.length)) === undefined)
      return { id: inner, problem: `${text} has more than the DOI after doi:; write ${inner}` };
    const problem = doiProblem(rest);
    return problem ? { problem } : { id: text };
  }
  const guess = understood(text.trim());
  if (guess) {
    const scheme = guess.startsWith(ARXIV_PREFIX) ? 'arxiv' : 'doi';
    const rest = guess.slice(scheme.length + 1);
    const problem = scheme === 'arxiv' ? arxivProblem(rest) : doiProblem(rest);
    if (problem) return { problem };
    const how = /^https?:/i.test(text)
      ? `is a link; write the identifier instead: ${guess}`
      : /^(arxiv|doi)\s*:/i.test(text)
        ? `needs its prefix written in lower case and without spaces: ${guess}`
        : `needs its prefix: write ${guess}`;
    return { id: guess, problem: `${text} ${how}` };
  }
  return {
    problem: `"${text}" is not a paper identifier; write arxiv:<id> for arXiv papers, like ${ARXIV_EXAMPLE}, or doi:<doi> for others, like ${DOI_EXAMPLE}`,
  };
}
