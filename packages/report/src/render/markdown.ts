// Markdown for the job summary and for posting as an issue. Every string from the model goes through
// escapeMarkdown / markdownLink; nothing from people reaches the output raw.
import { escapeMarkdown, markdownLink, safeHttpUrl } from '../escape.ts';
import type { Happening, Highlight, PersonRef, ProjectReport, ReportModel } from '../model.ts';
import { plural } from '../text.ts';
import {
  dueIn,
  HAPPENING_WORDS,
  HEALTH_WORDS,
  HIGHLIGHT_WORDS,
  headlineParts,
  needsAttention,
  number,
  projectsWithNews,
  STAGE_WORDS,
  STATUS_WORDS,
  shortDate,
  signed,
} from './common.ts';
import { computeMarkdown } from './compute.ts';
import { getInvolvedMarkdown } from './get-involved.ts';
import { GITHUB_BODY_MAX_CHARS, JOB_SUMMARY_MAX_BYTES } from './limits.ts';
import { sparkline } from './svg.ts';

export interface MarkdownOptions {
  /** Where the full report (HTML) is published; linked at the top when given. */
  reportUrl?: string | null;
  /** Most projects described in full; the rest go in a one-line-each table. */
  maxDetailedProjects?: number;
}

const e = escapeMarkdown;

export function personLink(person: PersonRef): string {
  return markdownLink(person.login ?? person.name, person.url);
}

function people(list: PersonRef[], max = 12): string {
  const shown = list.slice(0, max).map(personLink);
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${plural(more, 'other')}` : shown.join(', ');
}

function highlightLine(h: Highlight, model: ReportModel): string {
  const words = HIGHLIGHT_WORDS[h.kind];
  if (h.kind === 'contributors-new') return `- ${words.icon} **${words.label}:** ${people(h.people, 30)}`;
  if (h.kind === 'proposal-new') {
    const by = h.people[0] ? ` by ${personLink(h.people[0])}` : '';
    const num = h.detail ? ` ${e(h.detail)}` : '';
    return `- ${words.icon} **${words.label}:** ${markdownLink(h.title, h.url)}${num}${by}`;
  }
  const notes = [h.date ? shortDate(h.date, model) : null, h.detail ? e(h.detail) : null].filter((x) => x !== null);
  const paren = notes.length > 0 ? ` (${notes.join(', ')})` : '';
  if (h.kind === 'milestone-done' && h.project) {
    return `- ${words.icon} **${words.label}** in ${markdownLink(h.project.title, h.project.url)}: ${e(h.title)}${paren}`;
  }
  return `- ${words.icon} **${words.label}:** ${markdownLink(h.title, h.url)}${paren}`;
}

function happeningLine(h: Happening, model: ReportModel): string {
  const words = HAPPENING_WORDS[h.kind];
  const subject = h.url ? markdownLink(h.subject, h.url) : e(h.subject);
  const detail = h.detail ? ` — ${e(h.detail)}` : '';
  return `- ${shortDate(h.date, model)} · ${words.icon} ${words.label}: ${subject}${detail}`;
}

function projectStatusLine(p: ProjectReport): string {
  const parts = [STATUS_WORDS[p.status]];
  if (p.health)
    parts.push(`${HEALTH_WORDS[p.health.state].icon} ${HEALTH_WORDS[p.health.state].label} (${e(p.health.reason)})`);
  if (p.progress.total > 0) parts.push(`${p.progress.done}/${p.progress.total} milestones`);
  if (p.leads.length > 0) parts.push(`led by ${people(p.leads, 4)}`);
  return parts.join(' · ');
}

function projectSection(p: ProjectReport, model: ReportModel): string[] {
  const lines = [`### ${markdownLink(p.title, p.url)}`, '', projectStatusLine(p), ''];
  for (const h of p.happened) lines.push(happeningLine(h, model));
  if (p.happenedOmitted > 0) lines.push(`- … and ${plural(p.happenedOmitted, 'more thing')}`);
  if (p.happened.length > 0) lines.push('');
  if (p.dueSoon.length > 0) {
    lines.push(
      `**Due soon:** ${p.dueSoon.map((m) => `${e(m.title)} (${shortDate(m.due, model)}, ${dueIn(m.days)})`).join('; ')}`,
      '',
    );
  }
  if (p.overdue.length > 0) {
    lines.push(
      `**Overdue:** ${p.overdue.map((m) => `${e(m.title)} (due ${shortDate(m.due, model)}, ${plural(m.days, 'day')} ago)`).join('; ')}`,
      '',
    );
  }
  return lines;
}

/** The whole report as GitHub Markdown, highlights first. */
export function renderMarkdownBody(model: ReportModel, options: MarkdownOptions = {}): string {
  const maxDetailed = options.maxDetailedProjects ?? 40;
  const reportUrl = safeHttpUrl(options.reportUrl ?? model.community.reportUrl);
  const out: string[] = [`# ${e(model.title)}`, ''];
  out.push(`**${headlineParts(model).join(' · ')}**`, '');
  if (reportUrl) out.push(`[Read the full report with charts](${reportUrl})`, '');

  out.push('## Highlights', '');
  if (model.highlights.length === 0)
    out.push('_Nothing to celebrate in the files this week — a good moment to post an update._');
  for (const h of model.highlights) out.push(highlightLine(h, model));
  if (model.highlightsOmitted > 0) out.push(`- … and ${plural(model.highlightsOmitted, 'more highlight')}`);
  out.push('');

  const attention = needsAttention(model);
  if (attention.length > 0) {
    out.push('## Needs attention', '');
    for (const p of attention.slice(0, 30)) {
      const state = p.health
        ? `${HEALTH_WORDS[p.health.state].icon} ${HEALTH_WORDS[p.health.state].label}: ${e(p.health.reason)}`
        : '';
      const overdue = p.overdue.length > 0 ? ` · ${plural(p.overdue.length, 'milestone')} overdue` : '';
      out.push(`- ${markdownLink(p.title, p.url)} — ${state}${overdue}`);
    }
    if (attention.length > 30) out.push(`- … and ${plural(attention.length - 30, 'more project')}`);
    out.push('');
  }

  if (model.numbers.length > 0) {
    const [now, before] = model.window.isoWeek ? ['This week', 'Last week'] : ['This period', 'Previous period'];
    out.push('## Numbers', '', `| | ${now} | ${before} | Change |`, '| --- | ---: | ---: | ---: |');
    for (const row of model.numbers) {
      out.push(
        `| ${e(row.label)} | ${number(row.value)} | ${row.previous === null ? '—' : number(row.previous)} | ${row.change === null ? '—' : signed(row.change)} |`,
      );
    }
    out.push('');
  }

  const weeks = model.trends.weeks;
  if (weeks.length > 0) {
    const first = weeks[0]?.label ?? '';
    const last = weeks.at(-1)?.label ?? '';
    out.push(`## Trends, ${e(first)} to ${e(last)}`, '', '| | Trend | Latest | Peak |', '| --- | --- | ---: | ---: |');
    for (const s of model.trends.series) {
      out.push(
        `| ${e(s.label)} | \`${sparkline(s.values)}\` | ${number(s.values.at(-1) ?? 0)} | ${number(Math.max(0, ...s.values))} |`,
      );
    }
    out.push('', `_${e(model.trends.series[0]?.description ?? '')}_`, '');
  }

  const detailed = projectsWithNews(model);
  const shown = detailed.slice(0, maxDetailed);
  const rest = model.projects.filter((p) => !shown.includes(p));
  if (model.projects.length > 0) {
    out.push('## Projects', '');
    for (const p of shown) out.push(...projectSection(p, model));
    if (rest.length > 0) {
      out.push(
        shown.length > 0 ? '### Other projects' : '',
        '',
        '| Project | Status | Health | Milestones |',
        '| --- | --- | --- | ---: |',
      );
      for (const p of rest) {
        const health = p.health ? `${HEALTH_WORDS[p.health.state].icon} ${HEALTH_WORDS[p.health.state].label}` : '—';
        out.push(
          `| ${markdownLink(p.title, p.url)} | ${STATUS_WORDS[p.status]} | ${health} | ${p.progress.done}/${p.progress.total} |`,
        );
      }
      out.push('');
    }
  }

  out.push(...getInvolvedMarkdown(model));

  out.push('## Proposals waiting', '');
  if (model.proposals.waiting.length === 0) out.push('_No proposals are waiting._', '');
  else {
    const median = model.proposals.medianWaitDays;
    if (median !== null) out.push(`Median wait: ${plural(median, 'day')}.`, '');
    out.push('| Proposal | By | Stage | Waiting |', '| --- | --- | --- | ---: |');
    for (const w of model.proposals.waiting.slice(0, 50)) {
      const number = w.number ? ` #${w.number}` : '';
      out.push(
        `| ${markdownLink(w.title, w.url)}${number} | ${w.author ? personLink(w.author) : '—'} | ${STAGE_WORDS[w.stage]} | ${w.waitingDays === null ? '—' : plural(w.waitingDays, 'day')} |`,
      );
    }
    if (model.proposals.waiting.length > 50)
      out.push(`| … and ${plural(model.proposals.waiting.length - 50, 'more proposal')} | | | |`);
    out.push('');
  }

  out.push(...computeMarkdown(model));

  if (model.contributors.active.length > 0) {
    out.push(`**Active this period:** ${people(model.contributors.active, 40)}`, '');
  }
  if (model.notes.length > 0) {
    out.push('<details><summary>Notes on the input</summary>', '');
    for (const note of model.notes.slice(0, 50)) out.push(`- ${e(note)}`);
    out.push('', '</details>', '');
  }
  out.push(footer(model));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function footer(model: ReportModel): string {
  const source =
    model.source.kind === 'git'
      ? 'the git history of projects/'
      : `GitHub${model.source.repository ? ` (${e(model.source.repository)})` : ''}`;
  const rev = model.source.revision ? ` at ${e(model.source.revision.slice(0, 12))}` : '';
  return `<sub>Made by Circuitboard from ${source}${rev}, for ${model.window.start.slice(0, 16)}Z – ${model.window.end.slice(0, 16)}Z (end excluded). Report schema v${model.schemaVersion}.</sub>`;
}

/** For the job summary: the body, cut at a line under GitHub's 1 MiB limit with a note when it is longer. */
export function renderJobSummary(model: ReportModel, options: MarkdownOptions = {}): string {
  return capBytes(renderMarkdownBody(model, options), JOB_SUMMARY_MAX_BYTES);
}

export function capBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = '\n\n_The report is longer than a job summary can hold; the full report is in the uploaded files._\n';
  const budget = maxBytes - Buffer.byteLength(note, 'utf8');
  const lines = text.split('\n');
  let size = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const next = Buffer.byteLength(lines[i] as string, 'utf8') + 1;
    if (size + next > budget) break;
    size += next;
  }
  return lines.slice(0, i).join('\n') + note;
}

/**
 * For posting as issues or comments: parts each under GitHub's 65,536-character limit, split between blocks,
 * a long table continued with its header repeated. One part when it fits.
 */
export function splitMarkdown(text: string, maxChars = GITHUB_BODY_MAX_CHARS): string[] {
  const reserve = 40; // room for the "(part i of n)" line
  const budget = maxChars - reserve;
  const blocks = text.split(/\n{2,}/);
  const pieces: string[] = [];
  for (const block of blocks) {
    if (block.length <= budget) {
      pieces.push(block);
      continue;
    }
    const lines = block.split('\n');
    const isTable = lines[0]?.startsWith('|') && /^\|[\s|:-]+\|$/.test(lines[1] ?? '');
    const header = isTable ? lines.slice(0, 2) : [];
    let current: string[] = [];
    let size = 0;
    for (const rawLine of lines) {
      const line = rawLine.length > budget ? `${rawLine.slice(0, budget - 1)}…` : rawLine;
      if (size + line.length + 1 > budget && current.length > header.length) {
        pieces.push(current.join('\n'));
        current = [...header];
        size = header.reduce((s, l) => s + l.length + 1, 0);
      }
      current.push(line);
      size += line.length + 1;
    }
    if (current.length > header.length) pieces.push(current.join('\n'));
  }
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (joined.length > budget && current) {
      parts.push(current);
      current = piece;
    } else current = joined;
  }
  if (current) parts.push(current);
  if (parts.length === 1) return [`${(parts[0] as string).trimEnd()}\n`];
  return parts.map((part, i) => `${part.trimEnd()}\n\n_(part ${i + 1} of ${parts.length})_\n`);
}

/** The Markdown for posting as an issue: one body per part, each under GitHub's limit. */
export function renderIssueBodies(model: ReportModel, options: MarkdownOptions = {}): string[] {
  return splitMarkdown(renderMarkdownBody(model, options));
}
