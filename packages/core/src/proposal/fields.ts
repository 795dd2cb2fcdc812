import { reservedSlugProblem, suggestSlug } from '../layout.ts';
import {
  GITHUB_LOGIN_PATTERN,
  type HelpWanted,
  isCalendarDate,
  type Milestone,
  type Person,
  PROJECT_LIMITS,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  SNOWFLAKE_PATTERN,
} from '../model.ts';
import { paperKey, readPaperId } from '../paper-id.ts';
import {
  asciiFold,
  DISCORD_MENTION,
  describeHiddenCharacter,
  describeNonAscii,
  findHiddenCharacter,
  inlineCode,
  plainTextProblem,
  shortId,
  slugify,
} from './text.ts';

/** How much of each list a proposal may hold; a project grows past these through pull requests. */
export const PROPOSAL_LIMITS = {
  leads: 10,
  milestones: 30,
  milestoneTitle: 200,
  links: 20,
  tags: 20,
  tag: 32,
  question: 8000,
  timeCommitment: 200,
  lines: 200,
} as const;

export interface FieldOutcome<T> {
  value: T;
  errors: string[];
  warnings: string[];
}

function outcome<T>(value: T): FieldOutcome<T> {
  return { value, errors: [], warnings: [] };
}

/** Lines of a list answer without Markdown bullets or checkboxes; blank lines dropped. */
function listLines(text: string): { line: string; number: number }[] {
  const out: { line: string; number: number }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw
      .trim()
      .replace(/^(?:[-*+]|\d{1,3}[.)])\s+/, '')
      .replace(/^\[[ xX]\]\s+/, '')
      .trim();
    if (line !== '') out.push({ line, number: index + 1 });
  });
  return out;
}

/** A token that says it is a GitHub login: `@alice` or a link to the profile. */
const isExplicitLogin = (token: string) =>
  token.startsWith('@') || /^(?:https?:\/\/)?(?:www\.)?github\.com\//i.test(token);
/** `Alice Nguyen (@alice-nguyen)`: a display name, then the login in brackets; the name is not a lead. */
const NAMED_LOGIN = /^[^@()<>[\]]*[^\s@()<>[\]][^@()<>[\]]*\s+[([]\s*(\S+?)\s*[)\]]$/;
const ONE_PER_LINE = 'write one GitHub login per line, like `@alice`';

/**
 * Leads: `@alice`, `alice`, `https://github.com/alice` or `Alice Nguyen (@alice)`, one a line (or several
 * `@logins` on a line, or separated by commas); the author when empty. Nothing is dropped or guessed: a line
 * that mixes a login with other words, a Discord mention or a Discord id is an error that says what to write.
 */
export function parseLeads(text: string | undefined, author: string): FieldOutcome<Person[]> {
  const result = outcome<Person[]>([]);
  if (text === undefined) {
    if (GITHUB_LOGIN_PATTERN.test(author)) result.value.push({ github: author });
    else
      result.errors.push(
        `is empty and ${inlineCode(author)} is not a GitHub username that can lead; write at least one login, like \`@alice\``,
      );
    return result;
  }
  const seen = new Set<string>();
  const clean = (token: string) => token.replace(/^[(<[]+|[)>\].,:;]+$/g, '');
  for (const { line, number } of listLines(text).slice(0, PROPOSAL_LIMITS.lines)) {
    for (const part of line
      .split(/[,;]+/)
      .map((p) => p.trim())
      .filter(Boolean)) {
      const mention = DISCORD_MENTION.exec(part);
      if (mention) {
        result.errors.push(
          `line ${number}: ${inlineCode(mention[0])} is a Discord mention; write the lead's GitHub login instead, like \`@alice\``,
        );
        continue;
      }
      const named = NAMED_LOGIN.exec(part);
      let tokens: string[];
      if (named && isExplicitLogin(named[1]!)) tokens = [named[1]!];
      else {
        tokens = part.split(/\s+/).map(clean).filter(Boolean);
        if (tokens.length > 1 && !tokens.every(isExplicitLogin)) {
          result.errors.push(
            tokens.some(isExplicitLogin)
              ? `line ${number}: ${inlineCode(part, 60)} has a login and other words; ${ONE_PER_LINE} (a name goes before it in brackets: \`Alice Nguyen (@alice)\`)`
              : `line ${number}: ${inlineCode(part, 60)} looks like a name; ${ONE_PER_LINE}`,
          );
          continue;
        }
      }
      for (const token of tokens) {
        const login = token
          .replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '')
          .replace(/\/+$/, '')
          .replace(/^@/, '');
        if (!GITHUB_LOGIN_PATTERN.test(login)) {
          const hidden = findHiddenCharacter(login, { multiline: false, allowInvisible: false });
          result.errors.push(
            hidden
              ? `line ${number}: ${inlineCode(token)} ${describeHiddenCharacter(hidden)}`
              : `line ${number}: ${inlineCode(token)} is not a GitHub login; ${ONE_PER_LINE}`,
          );
          continue;
        }
        // A Discord id has 17 to 20 digits; no GitHub login that long is all digits in practice.
        if (/^\d{17,}$/.test(login)) {
          result.errors.push(
            `line ${number}: ${inlineCode(token)} looks like a Discord user id, not a GitHub login; write the lead's GitHub login, like \`@alice\` (your own Discord id has its own question)`,
          );
          continue;
        }
        if (seen.has(login.toLowerCase())) continue;
        seen.add(login.toLowerCase());
        result.value.push({ github: login });
      }
    }
  }
  if (result.value.length > PROPOSAL_LIMITS.leads) {
    result.errors.push(
      `lists ${result.value.length} people; name at most ${PROPOSAL_LIMITS.leads} leads (others can join as members later)`,
    );
  }
  if (result.value.length === 0 && result.errors.length === 0) {
    result.errors.push(`has no GitHub login; ${ONE_PER_LINE}, or leave it empty to lead it yourself`);
  }
  return result;
}

const DATE_PREFIX = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])/;
const OTHER_DATE_PREFIX =
  /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}\/\d{1,2}\/\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i;
const DATE_ANYWHERE = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?!\d)/;

/** Milestones: one a line, `YYYY-MM-DD Title`; ids are derived from the titles. */
export function parseMilestones(text: string | undefined): FieldOutcome<Milestone[]> {
  const result = outcome<Milestone[]>([]);
  if (text === undefined) return result;
  const lines = listLines(text);
  if (lines.length > PROPOSAL_LIMITS.milestones) {
    result.errors.push(
      `has ${lines.length} lines; list at most ${PROPOSAL_LIMITS.milestones} milestones (add more later through pull requests)`,
    );
    return result;
  }
  const ids = new Set<string>();
  for (const { line, number } of lines) {
    const example = (title: string) => inlineCode(`2026-11-15 ${title}`);
    const date = DATE_PREFIX.exec(line);
    if (!date) {
      const elsewhere = DATE_ANYWHERE.exec(line);
      if (elsewhere) {
        const title = trimSeparators(line.replace(elsewhere[1]!, ''));
        result.errors.push(
          `line ${number}: put the date first, as ${inlineCode(`${elsewhere[1]} ${title || 'Title'}`, 100)}`,
        );
      } else if (OTHER_DATE_PREFIX.test(line)) {
        result.errors.push(
          `line ${number}: ${inlineCode(line, 40)} has a date written another way; write it as YYYY-MM-DD, like ${example('Title')}`,
        );
      } else {
        result.errors.push(
          `line ${number}: ${inlineCode(line, 60)} has no date; start the line with the day it is planned for, like ${example(line.slice(0, 40))}`,
        );
      }
      continue;
    }
    const [y, m, d] = [date[1]!, date[2]!.padStart(2, '0'), date[3]!.padStart(2, '0')];
    const due = `${y}-${m}-${d}`;
    if (!isCalendarDate(due)) {
      result.errors.push(`line ${number}: ${due} is not a real calendar date; write a day that exists, as YYYY-MM-DD`);
      continue;
    }
    const title = line
      .slice(date[0].length)
      .replace(/^\s*[:|,–—-]?\s*/, '')
      .trim();
    if (title === '') {
      result.errors.push(
        `line ${number}: ${due} has no title; write what will be done, like ${inlineCode(`${due} Replicate the phase change on Pythia-70m`)}`,
      );
      continue;
    }
    const problem = titleProblem(title, PROPOSAL_LIMITS.milestoneTitle);
    if (problem) {
      result.errors.push(`line ${number}: the title ${problem}`);
      continue;
    }
    let id = shortId(title) || `milestone-${result.value.length + 1}`;
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(`${id}-${n}`)) n += 1;
      id = `${id}-${n}`;
    }
    ids.add(id);
    result.value.push({ id, title, due });
  }
  return result;
}

/** Trims spaces and separators from both ends without a regular expression that could backtrack. */
function trimSeparators(text: string): string {
  const separator = (c: string | undefined) => c !== undefined && (/\s/.test(c) || ':|,–—-'.includes(c));
  let start = 0;
  let end = text.length;
  while (start < end && separator(text[start])) start += 1;
  while (end > start && separator(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/** What is wrong with a one-line title, or undefined. */
export function titleProblem(title: string, max: number): string | undefined {
  if (title.includes('\n')) return 'must be one line';
  const hidden = findHiddenCharacter(title, { multiline: false, allowInvisible: false });
  if (hidden) return describeHiddenCharacter(hidden);
  const plain = plainTextProblem(title);
  if (plain) return plain;
  if (title.length > max) return `is ${title.length} characters long; keep it to ${max}`;
  return undefined;
}

/** Tags: comma-separated (or space-separated when there is no comma), made lowercase-hyphenated. */
export function parseTags(text: string | undefined): FieldOutcome<string[]> {
  const result = outcome<string[]>([]);
  if (text === undefined) return result;
  const pieces = (/[,;\n]/.test(text) ? text.split(/[,;\n]+/) : text.split(/\s+/))
    .map((t) => t.trim().replace(/^#+/, '').trim())
    .filter(Boolean);
  if (pieces.length > PROPOSAL_LIMITS.lines) {
    result.errors.push(`has ${pieces.length} tags; choose at most ${PROPOSAL_LIMITS.tags}`);
    return result;
  }
  for (const piece of pieces) {
    const folded = asciiFold(piece).toLowerCase();
    const nonAscii = describeNonAscii(folded);
    if (nonAscii) {
      result.errors.push(`${inlineCode(piece, 40)} contains ${nonAscii}; write tags with a–z, 0–9 and hyphens`);
      continue;
    }
    const tag = slugify(folded, 1000);
    if (tag === '') {
      result.errors.push(`${inlineCode(piece, 40)} has no letters or digits; write tags like induction-heads`);
      continue;
    }
    if (tag.length > PROPOSAL_LIMITS.tag) {
      result.errors.push(
        `${inlineCode(piece, 40)} is longer than ${PROPOSAL_LIMITS.tag} characters; use a shorter tag`,
      );
      continue;
    }
    if (!result.value.includes(tag)) result.value.push(tag);
  }
  if (result.value.length > PROPOSAL_LIMITS.tags) {
    result.errors.push(`has ${result.value.length} tags; choose at most ${PROPOSAL_LIMITS.tags}`);
  }
  return result;
}

const SCHEME = /^([a-z][a-z0-9+.-]{0,20}):/i;

/** Links: `name: https://…` a line, `[name](url)`, or a bare link whose name is guessed from the host. */
export function parseLinks(text: string | undefined): FieldOutcome<Record<string, string>> {
  const result = outcome<Record<string, string>>({});
  if (text === undefined) return result;
  const lines = listLines(text);
  if (lines.length > PROPOSAL_LIMITS.links) {
    result.errors.push(`has ${lines.length} lines; give at most ${PROPOSAL_LIMITS.links} links`);
    return result;
  }
  for (const { line, number } of lines) {
    let name = '';
    let url = line;
    const markdown = /^\[([^\]]{1,60})\]\(([^)\s]{1,2048})\)$/.exec(line);
    const scheme = SCHEME.exec(line);
    if (markdown) {
      name = markdown[1]!;
      url = markdown[2]!;
    } else if (
      !(
        scheme &&
        (line.slice(scheme[0].length).startsWith('//') || /^(javascript|vbscript|data|file|mailto)$/i.test(scheme[1]!))
      )
    ) {
      const colon = line.indexOf(':');
      if (colon > 0 && colon <= 40) {
        name = line.slice(0, colon);
        url = line.slice(colon + 1).trim();
      }
    }
    url = url.replace(/^<(.*)>$/, '$1');
    const problem = linkProblem(url);
    if (problem) {
      result.errors.push(`line ${number}: ${inlineCode(url, 60)} ${problem}`);
      continue;
    }
    let key = slugify(name.replace(/^\*+|\*+$/g, ''), 30) || guessLinkName(url);
    if (key in result.value) {
      let n = 2;
      while (`${key}-${n}` in result.value) n += 1;
      key = `${key}-${n}`;
    }
    result.value[key] = url;
  }
  return result;
}

function linkProblem(url: string): string | undefined {
  if (url === '') return 'is empty; write `name: https://…`';
  if (/\s/.test(url)) return 'contains a space; write one link a line, as `name: https://…`';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a link; write a full address starting with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `is a ${parsed.protocol} link; only http(s) links are allowed, like https://github.com/example/repo`;
  }
  if (!parsed.hostname) return 'has no host; write a full address like https://github.com/example/repo';
  if (url.length > 2048) return 'is longer than 2,048 characters; link to a shorter address';
  return undefined;
}

function guessLinkName(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, '');
  if (/^(github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)$/.test(host)) return 'repo';
  if (
    /(^|\.)(arxiv\.org|openreview\.net|doi\.org|aclanthology\.org|proceedings\.mlr\.press|transformer-circuits\.pub)$/.test(
      host,
    )
  ) {
    return 'paper';
  }
  if (/(^|\.)(lesswrong\.com|alignmentforum\.org|substack\.com|medium\.com)$/.test(host)) return 'post';
  if (/(^|\.)(colab\.research\.google\.com)$/.test(host)) return 'colab';
  if (/(^|\.)(huggingface\.co)$/.test(host)) return 'huggingface';
  if (/(^|\.)(docs\.google\.com|notion\.so|notion\.site|hackmd\.io)$/.test(host)) return 'notes';
  return 'link';
}

/** The folder name: the given one checked (ASCII only), or one derived from the title. */
export function parseSlug(
  given: string | undefined,
  title: string | undefined,
): FieldOutcome<string | undefined> & { derived: boolean } {
  if (given === undefined) {
    const derived = title === undefined ? undefined : slugify(title);
    const reserved = derived ? reservedSlugProblem(derived) : undefined;
    const result = { ...outcome<string | undefined>(reserved ? undefined : derived || undefined), derived: true };
    if (title !== undefined && !derived) {
      result.errors.push(
        'could not be made from the title (it has no Latin letters or digits); write a folder name like induction-heads-pythia',
      );
    }
    if (derived && reserved) {
      result.errors.push(
        `${inlineCode(derived)} (made from the title) ${reserved}; write a folder name here, like ${inlineCode(suggestSlug(derived) ?? 'induction-heads')}`,
      );
    }
    return result;
  }
  const result = { ...outcome<string | undefined>(undefined), derived: false };
  const slug = given.trim();
  if (/[/\\]|\.\./.test(slug) || slug === '.') {
    result.errors.push(
      `${inlineCode(slug, 60)} is a path; write a single folder name with a–z, 0–9 and hyphens, like ${inlineCode(slugify(slug) || 'induction-heads')}`,
    );
    return result;
  }
  const hidden = findHiddenCharacter(slug, { multiline: false, allowInvisible: false });
  if (hidden) {
    result.errors.push(`${inlineCode(slug, 60)} ${describeHiddenCharacter(hidden)}`);
    return result;
  }
  const nonAscii = describeNonAscii(slug);
  if (nonAscii) {
    result.errors.push(
      `${inlineCode(slug, 60)} contains ${nonAscii}, which can look like a Latin letter but is not one; type the folder name with a–z, 0–9 and hyphens only`,
    );
    return result;
  }
  if (slug.length > SLUG_MAX_LENGTH) {
    result.errors.push(
      `${inlineCode(slug, 60)} is ${slug.length} characters long; keep it to ${SLUG_MAX_LENGTH}, like ${inlineCode(slugify(slug))}`,
    );
    return result;
  }
  if (!SLUG_PATTERN.test(slug)) {
    const suggestion = slugify(slug);
    result.errors.push(
      `${inlineCode(slug, 60)} must be lowercase letters and digits joined by single hyphens${suggestion ? `, like ${inlineCode(suggestion)}` : ''}`,
    );
    return result;
  }
  const reserved = reservedSlugProblem(slug);
  if (reserved) {
    result.errors.push(
      `${inlineCode(slug)} ${reserved}; write another folder name, like ${inlineCode(suggestSlug(slug) ?? 'induction-heads')}`,
    );
    return result;
  }
  result.value = slug;
  return result;
}

/** A Discord user id (snowflake); a pasted `<@id>` is accepted. */
export function parseDiscordId(text: string | undefined): FieldOutcome<string | undefined> {
  const result = outcome<string | undefined>(undefined);
  if (text === undefined) return result;
  const id = text.trim().replace(/^<@!?(\d+)>$/, '$1');
  if (SNOWFLAKE_PATTERN.test(id)) {
    result.value = id;
    return result;
  }
  if (/^\d+$/.test(id)) {
    result.errors.push(
      `${inlineCode(id, 30)} has ${id.length} digits; a Discord user id has 17 to 20 (Developer Mode → right-click your name → Copy User ID)`,
    );
  } else {
    result.errors.push(
      `${inlineCode(id, 40)} is not a Discord user id; it is a number of 17 to 20 digits, not your username (Developer Mode → right-click your name → Copy User ID), or leave it empty`,
    );
  }
  return result;
}

const HOURS = /^~?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:h|hrs?|hours?)?\s*(?:(?:\/|a|an|per|each)\s*(?:w|wk|week))?\.?$/i;
const NEWCOMER =
  /^(?:(?:newcomer|beginner|newbie)s?[- ]?(?:friendly|welcome)|good first (?:role|task)|(?:newcomers?|beginners?) (?:are )?welcome)!?$/i;

/**
 * Help wanted: one role a line, `role | skills | hours a week | newcomer-friendly`. Only the role is needed; the other
 * parts may come in any order and are told apart by their form (a number of hours, the words newcomer-friendly, and
 * anything else is a comma-separated list of skills).
 */
export function parseHelpWanted(text: string | undefined): FieldOutcome<HelpWanted[]> {
  const result = outcome<HelpWanted[]>([]);
  if (text === undefined) return result;
  const lines = listLines(text);
  if (lines.length > PROJECT_LIMITS.helpWanted) {
    result.errors.push(
      `has ${lines.length} lines; list at most ${PROJECT_LIMITS.helpWanted} roles, one per line (more can be added later)`,
    );
    return result;
  }
  const seen = new Map<string, number>();
  for (const { line, number } of lines) {
    const [rolePart = '', ...rest] = line.split('|').map((part) => part.trim());
    const role = rolePart.replace(/^\*\*(.*)\*\*$/, '$1').trim();
    if (role === '') {
      result.errors.push(
        `line ${number}: has no role before the first |; start the line with what the person would do, like ${inlineCode('Run activation-patching sweeps | python | 3 h/week')}`,
      );
      continue;
    }
    const problem = titleProblem(role, PROJECT_LIMITS.role);
    if (problem) {
      result.errors.push(`line ${number}: the role ${problem}`);
      continue;
    }
    const key = role.replace(/\s+/g, ' ').toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      result.errors.push(`line ${number}: ${inlineCode(role, 60)} is already on line ${first}; list each role once`);
      continue;
    }
    seen.set(key, number);
    const entry: HelpWanted = { role };
    const skills: string[] = [];
    let failed = false;
    for (const part of rest) {
      if (part === '') continue;
      const hours = HOURS.exec(part);
      if (hours) {
        const value = Number((hours[1] ?? '').replace(',', '.'));
        if (!(value > 0 && value <= PROJECT_LIMITS.hoursPerWeek)) {
          result.errors.push(
            `line ${number}: ${inlineCode(part)} hours a week is not between 0 and ${PROJECT_LIMITS.hoursPerWeek}; write a rough number, like 3 h/week`,
          );
          failed = true;
        } else entry.hours_per_week = value;
        continue;
      }
      if (/\d/.test(part) && /\b(h|hrs?|hours?|week|wk)\b|\d\s*h\b/i.test(part)) {
        result.errors.push(
          `line ${number}: ${inlineCode(part, 40)} is not one number of hours a week; write one rough number, like 3 h/week`,
        );
        failed = true;
        continue;
      }
      if (NEWCOMER.test(part)) {
        entry.newcomer_friendly = true;
        continue;
      }
      for (const skill of part
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const skillProblem = titleProblem(skill, PROJECT_LIMITS.skill);
        if (skillProblem) {
          result.errors.push(`line ${number}: the skill ${inlineCode(skill, 40)} ${skillProblem}`);
          failed = true;
        } else if (!skills.some((s) => s.toLowerCase() === skill.toLowerCase())) skills.push(skill);
      }
    }
    if (skills.length > PROJECT_LIMITS.skills) {
      result.errors.push(
        `line ${number}: names ${skills.length} skills; keep the ${PROJECT_LIMITS.skills} that matter most`,
      );
      failed = true;
    }
    if (failed) continue;
    if (skills.length > 0) entry.skills = skills;
    // Keys in the order project.yml shows them.
    result.value.push({
      role: entry.role,
      ...(entry.skills ? { skills: entry.skills } : {}),
      ...(entry.hours_per_week !== undefined ? { hours_per_week: entry.hours_per_week } : {}),
      ...(entry.newcomer_friendly ? { newcomer_friendly: true } : {}),
    });
  }
  return result;
}

/**
 * Papers: one a line, as `arxiv:<id>`, `doi:<doi>`, an arxiv.org or doi.org link, or a bare id; a line with more
 * words ("Wang et al. 2022, arxiv:2211.00593") uses the one identifier in it. Each is checked and written the way
 * project.yml keeps it; the same paper twice is kept once.
 */
export function parsePapers(text: string | undefined): FieldOutcome<string[]> {
  const result = outcome<string[]>([]);
  if (text === undefined) return result;
  const lines = listLines(text);
  if (lines.length > PROJECT_LIMITS.papers) {
    result.errors.push(`has ${lines.length} lines; list at most ${PROJECT_LIMITS.papers} papers, one per line`);
    return result;
  }
  const keys = new Set<string>();
  for (const { line, number } of lines) {
    const candidate = paperToken(line);
    if (Array.isArray(candidate)) {
      result.errors.push(
        `line ${number}: names ${candidate.length} papers (${candidate.map((c) => inlineCode(c, 40)).join(', ')}); write one paper per line`,
      );
      continue;
    }
    const reading = readPaperId(candidate);
    if (reading.id === undefined) {
      result.errors.push(`line ${number}: ${reading.problem ?? 'is not a paper identifier'}`);
      continue;
    }
    const key = paperKey(reading.id) ?? reading.id;
    if (keys.has(key)) {
      result.warnings.push(
        `line ${number}: ${inlineCode(reading.id)} is the same paper as an earlier line; it is listed once`,
      );
      continue;
    }
    keys.add(key);
    result.value.push(reading.id);
  }
  return result;
}

/**
 * The part of a line that names a paper: a Markdown link's target, the one identifier-looking word, or the line; the
 * identifier-looking words when there are several.
 */
function paperToken(line: string): string | string[] {
  const markdown = /^\[[^\]]{0,300}\]\(([^)\s]{1,400})\)$/.exec(line);
  if (markdown) return markdown[1] ?? line;
  if (!/\s/.test(line)) return line;
  const words = line
    .split(/\s+/)
    .map((w) => w.replace(/^[(<[]+|[)>\].,;]+$/g, ''))
    .filter(
      (w) => /^(arxiv:|doi:|https?:\/\/)/i.test(w) || /^\d{4}\.\d{4,5}(v\d+)?$/.test(w) || /^10\.\d{4,9}\//.test(w),
    );
  if (words.length > 1) return words;
  return words.length === 1 ? (words[0] ?? line) : line;
}

/** Names of models or datasets: separated by commas (or one a line); the same name twice is kept once. */
export function parseNames(text: string | undefined, what: 'models' | 'datasets'): FieldOutcome<string[]> {
  const result = outcome<string[]>([]);
  if (text === undefined) return result;
  const max = PROJECT_LIMITS[what];
  const names = text
    .split(/[,;\n]+/)
    .map((n) => n.trim().replace(/^[-*+]\s+/, ''))
    .filter(Boolean);
  if (names.length > max) {
    result.errors.push(`names ${names.length} ${what}; list at most ${max}, separated by commas`);
    return result;
  }
  for (const name of names) {
    const problem = titleProblem(name, PROJECT_LIMITS.name);
    if (problem) result.errors.push(`${inlineCode(name, 40)} ${problem}`);
    else if (!result.value.some((n) => n.toLowerCase() === name.toLowerCase())) result.value.push(name);
  }
  return result;
}

/** The compute request: one line of plain text. */
export function parseCompute(text: string | undefined): FieldOutcome<string | undefined> {
  const result = outcome<string | undefined>(undefined);
  if (text === undefined) return result;
  const compute = text.replace(/\s+/g, ' ').trim();
  const problem = titleProblem(compute, PROJECT_LIMITS.compute);
  if (problem) result.errors.push(problem);
  else result.value = compute;
  return result;
}
