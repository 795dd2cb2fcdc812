// A newsletter draft: friendly Markdown for an email tool, for members rather than organisers (no "needs
// attention" list). Text from people is escaped with escapeMarkdown like every other Markdown rendering.

import { windowTitle } from '../compile.ts';
import { escapeMarkdown, markdownLink, safeHttpUrl } from '../escape.ts';
import type { HappeningKind, ReportModel } from '../model.ts';
import { plural } from '../text.ts';
import { HAPPENING_WORDS, HIGHLIGHT_WORDS, shortDate } from './common.ts';
import { getInvolvedNewsletter } from './get-involved.ts';
import { personLink } from './markdown.ts';

export interface NewsletterOptions {
  reportUrl?: string | null;
  /** Most projects with news to describe. */
  maxProjects?: number;
}

const e = escapeMarkdown;

/** What members read as project news: updates, milestones, merged work and published outputs. */
const NEWS_KINDS: ReadonlySet<HappeningKind> = new Set([
  'update-posted',
  'milestone-done',
  'pull-merged',
  'output-added',
]);

export function renderNewsletter(model: ReportModel, options: NewsletterOptions = {}): string {
  const reportUrl = safeHttpUrl(options.reportUrl ?? model.community.reportUrl);
  const community = safeHttpUrl(model.community.url);
  const maxProjects = options.maxProjects ?? 12;
  const out: string[] = [];
  const period = model.window.isoWeek ? 'this week' : 'in this period';
  out.push(`# What moved ${period} at ${e(model.community.name)}`, '');
  out.push(`_${e(model.title.replace(`${model.community.name} — `, ''))}_`, '');
  const h = model.headline;
  const summary = [
    h.milestonesDone > 0 ? `${plural(h.milestonesDone, 'milestone')} reached` : null,
    h.activeProjects > 0 ? `${plural(h.activeProjects, 'project')} moving` : null,
    h.updatesPosted > 0 ? `${plural(h.updatesPosted, 'update')} posted` : null,
    h.newContributors > 0 ? `${plural(h.newContributors, 'new contributor')}` : null,
  ].filter((x): x is string => x !== null);
  out.push(
    summary.length > 0
      ? `Hi everyone! Here is what happened in our research projects ${period}: ${summary.join(', ')}.`
      : `Hi everyone! A quiet week in the project files ${period} — the perfect moment to share what you are working on.`,
    '',
  );

  const highlights = model.highlights.filter((x) => x.kind !== 'contributors-new');
  if (highlights.length > 0) {
    out.push('## Highlights', '');
    for (const item of highlights.slice(0, 10)) {
      const words = HIGHLIGHT_WORDS[item.kind];
      if (item.kind === 'milestone-done' && item.project) {
        out.push(
          `- ${words.icon} ${markdownLink(item.project.title, item.project.url)} reached a milestone: **${e(item.title)}**`,
        );
      } else {
        out.push(`- ${words.icon} ${words.label}: ${markdownLink(item.title, item.url)}`);
      }
    }
    out.push('');
  }

  const withNews = model.projects.filter((p) => p.happened.some((x) => NEWS_KINDS.has(x.kind)));
  if (withNews.length > 0) {
    out.push('## Project news', '');
    for (const p of withNews.slice(0, maxProjects)) {
      const progress = p.progress.total > 0 ? ` — ${p.progress.done} of ${p.progress.total} milestones done` : '';
      out.push(`**${markdownLink(p.title, p.url)}**${progress}`, '');
      for (const x of p.happened.filter((y) => NEWS_KINDS.has(y.kind)).slice(0, 5)) {
        const subject = x.url ? markdownLink(x.subject, x.url) : e(x.subject);
        out.push(`- ${HAPPENING_WORDS[x.kind].label} (${shortDate(x.date, model)}): ${subject}`);
      }
      out.push('');
    }
    if (withNews.length > maxProjects)
      out.push(`…and news from ${plural(withNews.length - maxProjects, 'more project')} in the full report.`, '');
  }

  out.push(...getInvolvedNewsletter(model));

  if (model.contributors.new.length > 0) {
    out.push(
      '## Welcome',
      '',
      `A warm welcome to ${plural(model.contributors.new.length, 'new contributor')}: ${model.contributors.new.slice(0, 30).map(personLink).join(', ')}.`,
      '',
    );
  }

  const links = [
    reportUrl ? `[the full report with charts](${reportUrl})` : null,
    community ? `[our projects on GitHub](${community})` : null,
  ].filter((x): x is string => x !== null);
  if (links.length > 0) out.push(`Read ${links.join(' and ')}.`, '');
  out.push(
    `_${e(windowTitle({ start: model.window.start, end: model.window.end, label: model.window.label, isoWeek: model.window.isoWeek }))} · made with Circuitboard_`,
  );
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
