// One self-contained HTML page: inline CSS and SVG, no scripts, no external requests (a strict CSP says so),
// readable on a phone and on paper, light and dark. Every string from the model goes through escapeHtml.
import { escapeHtml, safeHttpUrl } from '../escape.ts';
import type {
  Happening,
  HappeningKind,
  Highlight,
  HighlightKind,
  PersonRef,
  ProjectReport,
  ReportModel,
} from '../model.ts';
import { plural } from '../text.ts';
import {
  dueIn,
  HAPPENING_WORDS,
  HEALTH_WORDS,
  HIGHLIGHT_WORDS,
  needsAttention,
  number,
  projectsWithNews,
  STAGE_WORDS,
  STATUS_WORDS,
  shortDate,
  signed,
} from './common.ts';
import { computeHtml } from './compute.ts';
import { getInvolvedHtml } from './get-involved.ts';
import { renderChart } from './svg.ts';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Symbols every system font has (emoji fonts are not everywhere, e.g. headless browsers and some e-mail
// clients); coloured by CSS.
const ICONS: Record<HappeningKind | HighlightKind, string> = {
  'milestone-done': '✓',
  'project-completed': '⚑',
  'project-started': '▶',
  'proposal-new': '✦',
  'contributors-new': '☺',
  'milestone-added': '+',
  'milestone-due-changed': '↦',
  'milestone-dropped': '✗',
  'update-posted': '✎',
  'project-created': '✱',
  'status-changed': '⇄',
  'member-joined': '☺',
  'member-left': '↩',
  commits: '●',
  'pull-merged': '⇥',
  'issue-opened': '○',
  'issue-closed': '◉',
  'output-added': '★',
};

function icon(kind: HappeningKind | HighlightKind): string {
  return `<span class="icon icon-${kind}" aria-hidden="true">${ICONS[kind]}</span>`;
}

const h = escapeHtml;

function link(text: string, url: string | null | undefined, className?: string): string {
  const safe = safeHttpUrl(url);
  const cls = className ? ` class="${className}"` : '';
  return safe ? `<a${cls} href="${h(safe)}" rel="noopener noreferrer">${h(text)}</a>` : `<span${cls}>${h(text)}</span>`;
}

function person(p: PersonRef): string {
  return link(p.login ?? p.name, p.url);
}

function people(list: PersonRef[], max = 40): string {
  const shown = list.slice(0, max).map(person);
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${h(plural(more, 'other'))}` : shown.join(', ');
}

function time(date: string, model: ReportModel): string {
  return `<time datetime="${h(date)}">${h(shortDate(date, model))}</time>`;
}

function highlightItem(item: Highlight, model: ReportModel): string {
  const words = HIGHLIGHT_WORDS[item.kind];
  const mark = icon(item.kind);
  const label = `<strong>${h(words.label)}</strong>`;
  if (item.kind === 'contributors-new') return `<li>${mark}${label}: ${people(item.people)}</li>`;
  const notes = [item.date ? time(item.date, model) : null, item.detail ? h(item.detail) : null].filter(
    (x) => x !== null,
  );
  const paren = notes.length > 0 ? ` <span class="muted">(${notes.join(', ')})</span>` : '';
  if (item.kind === 'milestone-done' && item.project) {
    return `<li>${mark}${label} in ${link(item.project.title, item.project.url)}: ${h(item.title)}${paren}</li>`;
  }
  if (item.kind === 'proposal-new') {
    const by = item.people[0] ? ` by ${person(item.people[0])}` : '';
    return `<li>${mark}${label}: ${link(item.title, item.url)}${item.detail ? ` <span class="muted">${h(item.detail)}</span>` : ''}${by}</li>`;
  }
  return `<li>${mark}${label}: ${link(item.title, item.url)}${paren}</li>`;
}

function happeningItem(item: Happening, model: ReportModel): string {
  const words = HAPPENING_WORDS[item.kind];
  const subject = item.url ? link(item.subject, item.url) : h(item.subject);
  const detail = item.detail ? ` <span class="muted">— ${h(item.detail)}</span>` : '';
  return `<li>${time(item.date, model)} ${icon(item.kind)}${h(words.label)}: ${subject}${detail}</li>`;
}

function healthBadge(p: ProjectReport): string {
  if (!p.health) return '';
  const words = HEALTH_WORDS[p.health.state];
  return `<span class="badge health-${p.health.state}" title="${h(p.health.reason)}">${h(words.label)}</span>`;
}

function progressBar(p: ProjectReport): string {
  if (p.progress.total === 0) return '';
  const pct = Math.round((p.progress.done / p.progress.total) * 100);
  return `<span class="progress" role="img" aria-label="${p.progress.done} of ${p.progress.total} milestones done"><span class="progress-bar" style="width:${pct}%"></span></span> <span class="muted">${p.progress.done}/${p.progress.total} milestones</span>`;
}

function projectArticle(p: ProjectReport, model: ReportModel): string {
  const parts = [`<article class="project" id="project-${h(p.slug)}">`];
  parts.push(`<h3>${link(p.title, p.url)}</h3>`);
  parts.push(
    `<p class="meta"><span class="badge status-${p.status}">${h(STATUS_WORDS[p.status])}</span> ${healthBadge(p)} ${progressBar(p)}</p>`,
  );
  if (p.health) parts.push(`<p class="muted small">${h(p.health.reason)}</p>`);
  if (p.leads.length > 0) parts.push(`<p class="small">Led by ${people(p.leads, 6)}</p>`);
  if (p.happened.length > 0) {
    parts.push(`<ul class="happened">${p.happened.map((x) => happeningItem(x, model)).join('')}</ul>`);
    if (p.happenedOmitted > 0)
      parts.push(`<p class="muted small">… and ${h(plural(p.happenedOmitted, 'more thing'))}</p>`);
  }
  if (p.dueSoon.length > 0) {
    parts.push(
      `<p class="small"><strong>Due soon:</strong> ${p.dueSoon.map((m) => `${h(m.title)} <span class="muted">(${time(m.due, model)}, ${h(dueIn(m.days))})</span>`).join('; ')}</p>`,
    );
  }
  if (p.overdue.length > 0) {
    parts.push(
      `<p class="small overdue"><strong>Overdue:</strong> ${p.overdue.map((m) => `${h(m.title)} <span class="muted">(due ${time(m.due, model)}, ${h(plural(m.days, 'day'))} ago)</span>`).join('; ')}</p>`,
    );
  }
  parts.push('</article>');
  return parts.join('');
}

const CSS = `
:root{color-scheme:light dark;--bg:#fbfbfd;--fg:#1c1e24;--muted:#5d6470;--card:#fff;--line:#e3e5ea;--accent:#4f46e5;--accent-soft:#e0e7ff;--good:#15803d;--good-bg:#dcfce7;--warn:#a16207;--warn-bg:#fef3c7;--bad:#b91c1c;--bad-bg:#fee2e2;--neutral-bg:#eef0f4}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--fg:#e7e9ee;--muted:#a0a7b4;--card:#1a1d24;--line:#2c313b;--accent:#8b93ff;--accent-soft:#2a2f55;--good:#4ade80;--good-bg:#12321f;--warn:#facc15;--warn-bg:#3a3212;--bad:#f87171;--bad-bg:#3d1a1a;--neutral-bg:#262a33}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;overflow-wrap:anywhere}
main,header,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 .3rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 .3rem}
a{color:var(--accent)}
.eyebrow{color:var(--muted);font-size:.9rem;margin:0}
.muted{color:var(--muted)}
.small{font-size:.9rem}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;margin:1rem 0;padding:0;list-style:none}
.stats li{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.6rem .8rem}
.stats .value{display:block;font-size:1.6rem;font-weight:700;line-height:1.1}
.stats .label{color:var(--muted);font-size:.85rem}
ul.highlights,ul.happened,ul.plain{padding-left:0;list-style:none;margin:.4rem 0}
ul.highlights li{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.5rem .7rem;margin:.4rem 0}
ul.happened li{padding:.15rem 0}
ul.plain li{padding:.25rem 0;border-bottom:1px solid var(--line)}
.icon{display:inline-block;width:1.4em;text-align:center;font-weight:700;color:var(--accent)}
.icon-milestone-done,.icon-project-completed{color:var(--good)}
.icon-milestone-dropped,.icon-member-left{color:var(--bad)}
.icon-proposal-new,.icon-milestone-due-changed{color:var(--warn)}
ul.happened time{display:inline-block;min-width:3.6em;color:var(--muted);font-size:.9em}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;overflow-wrap:normal}
td{white-space:nowrap}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:right}
th:first-child,td:first-child{text-align:left}
.up{color:var(--good)}.down{color:var(--bad)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr));gap:1rem}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.6rem}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.2rem}
figcaption strong{color:var(--fg)}
svg.chart{display:block;height:auto;max-width:100%}
svg.chart text{font:12px system-ui,sans-serif;fill:var(--muted)}
svg.chart text.value{fill:var(--fg);font-weight:700}
svg.chart .grid{stroke:var(--line);stroke-width:1}
svg.chart .baseline{stroke:var(--muted);stroke-width:1}
svg.chart .bar{fill:var(--accent);opacity:.55}
svg.chart .bar.current{opacity:1}
svg.chart .line{fill:none;stroke:var(--accent);stroke-width:2.5}
svg.chart .area{fill:var(--accent-soft);opacity:.8}
svg.chart .dot{fill:var(--card);stroke:var(--accent);stroke-width:2}
svg.chart .dot.current{fill:var(--accent)}
.project{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.8rem 1rem;margin:.8rem 0}
.meta{margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.8rem;font-weight:600;background:var(--neutral-bg)}
.health-active{background:var(--good-bg);color:var(--good)}
.health-quiet{background:var(--warn-bg);color:var(--warn)}
.health-stalled{background:var(--bad-bg);color:var(--bad)}
.newcomer{background:var(--good-bg);color:var(--good)}
.status-active{background:var(--accent-soft);color:var(--accent)}
.progress{display:inline-block;width:6rem;height:.5rem;border-radius:999px;background:var(--neutral-bg);overflow:hidden;vertical-align:middle}
.progress-bar{display:block;height:100%;background:var(--good)}
.overdue strong{color:var(--bad)}
.attention li{margin:.3rem 0}
footer{color:var(--muted);font-size:.8rem;padding-bottom:2rem;margin-top:2rem}
@media (max-width:30rem){body{font-size:15px}h1{font-size:1.35rem}.stats .value{font-size:1.3rem}th,td{padding:.3rem .3rem}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--line:#bbb}body{font-size:11pt}a{color:inherit;text-decoration:none}.project,figure,ul.highlights li{break-inside:avoid}h2{break-after:avoid}main,header,footer{max-width:none}}
`.trim();

/** The report as one HTML document. */
export function renderHtml(model: ReportModel): string {
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${h(HTML_CSP)}">`,
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">',
    `<title>${h(model.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  );
  const window = model.window;
  out.push(
    '<header>',
    `<p class="eyebrow">${link(model.community.name, model.community.url)} · weekly report</p>`,
    `<h1>${h(model.title.replace(`${model.community.name} — `, ''))}</h1>`,
    `<p class="muted small">From ${h(window.start.slice(0, 16).replace('T', ' '))} to ${h(window.end.slice(0, 16).replace('T', ' '))} UTC (end excluded).</p>`,
  );
  const hl = model.headline;
  const stats: [number, string][] = [
    [hl.milestonesDone, hl.milestonesDone === 1 ? 'milestone done' : 'milestones done'],
    [hl.activeProjects, hl.activeProjects === 1 ? 'project with activity' : 'projects with activity'],
    [hl.updatesPosted, hl.updatesPosted === 1 ? 'update posted' : 'updates posted'],
    [hl.newContributors, hl.newContributors === 1 ? 'new contributor' : 'new contributors'],
    [hl.proposalsWaiting, hl.proposalsWaiting === 1 ? 'proposal waiting' : 'proposals waiting'],
  ];
  out.push(
    `<ul class="stats">${stats.map(([v, l]) => `<li><span class="value">${number(v)}</span><span class="label">${h(l)}</span></li>`).join('')}</ul>`,
    '</header>',
    '<main>',
  );

  out.push('<section id="highlights" aria-labelledby="h-highlights">', '<h2 id="h-highlights">Highlights</h2>');
  if (model.highlights.length === 0)
    out.push('<p class="muted">Nothing to celebrate in the files this week — a good moment to post an update.</p>');
  else out.push(`<ul class="highlights">${model.highlights.map((x) => highlightItem(x, model)).join('')}</ul>`);
  if (model.highlightsOmitted > 0)
    out.push(`<p class="muted small">… and ${h(plural(model.highlightsOmitted, 'more highlight'))}</p>`);
  out.push('</section>');

  const attention = needsAttention(model);
  if (attention.length > 0) {
    out.push(
      '<section id="attention" aria-labelledby="h-attention">',
      '<h2 id="h-attention">Needs attention</h2>',
      '<ul class="plain attention">',
    );
    for (const p of attention.slice(0, 50)) {
      const overdue = p.overdue.length > 0 ? ` · ${h(plural(p.overdue.length, 'milestone'))} overdue` : '';
      out.push(
        `<li><a href="#project-${h(p.slug)}">${h(p.title)}</a> ${healthBadge(p)} <span class="muted small">${h(p.health?.reason ?? '')}${overdue}</span></li>`,
      );
    }
    out.push('</ul>', '</section>');
  }

  if (model.numbers.length > 0) {
    const [now, before] = window.isoWeek ? ['This week', 'Last week'] : ['This period', 'Previous'];
    out.push(
      '<section id="numbers" aria-labelledby="h-numbers">',
      '<h2 id="h-numbers">Numbers</h2>',
      `<table><thead><tr><th scope="col">What</th><th scope="col">${now}</th><th scope="col">${before}</th><th scope="col">Change</th></tr></thead><tbody>`,
    );
    for (const row of model.numbers) {
      const cls = row.change === null || row.change === 0 ? '' : row.change > 0 ? ' class="up"' : ' class="down"';
      out.push(
        `<tr><th scope="row">${h(row.label)}</th><td>${number(row.value)}</td><td>${row.previous === null ? '—' : number(row.previous)}</td><td${cls}>${row.change === null ? '—' : h(signed(row.change))}</td></tr>`,
      );
    }
    out.push('</tbody></table>', '</section>');
  }

  if (model.trends.weeks.length > 0) {
    const labels = model.trends.weeks.map((w) => w.label);
    out.push(
      '<section id="trends" aria-labelledby="h-trends">',
      `<h2 id="h-trends">Trends over ${h(plural(labels.length, model.window.isoWeek ? 'week' : 'period'))}</h2>`,
      '<div class="charts">',
    );
    for (const series of model.trends.series) {
      const chart = renderChart({
        id: `chart-${series.id}`,
        title: `${series.label}, ${labels[0]} to ${labels.at(-1)}`,
        description: series.description,
        labels,
        values: series.values,
        kind: series.id === 'active-projects' ? 'line' : 'bars',
      });
      out.push(
        `<figure>${chart}<figcaption><strong>${h(series.label)}</strong> — ${h(series.description)}</figcaption></figure>`,
      );
    }
    out.push('</div>', '</section>');
  }

  if (model.projects.length > 0) {
    const detailed = projectsWithNews(model);
    const rest = model.projects.filter((p) => !detailed.includes(p));
    out.push('<section id="projects" aria-labelledby="h-projects">', '<h2 id="h-projects">Projects</h2>');
    for (const p of detailed) out.push(projectArticle(p, model));
    if (rest.length > 0) {
      out.push(`<h3>${detailed.length > 0 ? 'Other projects' : 'All projects'}</h3>`, '<ul class="plain">');
      for (const p of rest) {
        out.push(
          `<li id="project-${h(p.slug)}">${link(p.title, p.url)} <span class="badge status-${p.status}">${h(STATUS_WORDS[p.status])}</span> ${healthBadge(p)} <span class="muted small">${p.progress.done}/${p.progress.total} milestones</span></li>`,
        );
      }
      out.push('</ul>');
    }
    out.push('</section>');
  }

  out.push(...getInvolvedHtml(model));

  out.push('<section id="proposals" aria-labelledby="h-proposals">', '<h2 id="h-proposals">Proposals waiting</h2>');
  if (model.proposals.waiting.length === 0) out.push('<p class="muted">No proposals are waiting.</p>');
  else {
    if (model.proposals.medianWaitDays !== null)
      out.push(`<p class="small">Median wait: ${h(plural(model.proposals.medianWaitDays, 'day'))}.</p>`);
    out.push('<ul class="plain">');
    for (const w of model.proposals.waiting.slice(0, 100)) {
      const bits = [
        w.number ? `#${w.number}` : null,
        w.author ? `by ${person(w.author)}` : null,
        h(STAGE_WORDS[w.stage]),
      ].filter(Boolean);
      const waiting = w.waitingDays === null ? '' : ` · <strong>${h(plural(w.waitingDays, 'day'))}</strong>`;
      out.push(`<li>${link(w.title, w.url)} <span class="muted small">${bits.join(' · ')}${waiting}</span></li>`);
    }
    out.push('</ul>');
    if (model.proposals.waiting.length > 100)
      out.push(`<p class="muted small">… and ${h(plural(model.proposals.waiting.length - 100, 'more proposal'))}</p>`);
  }
  out.push('</section>');

  out.push(...computeHtml(model));

  if (model.contributors.active.length > 0 || model.contributors.new.length > 0) {
    out.push('<section id="people" aria-labelledby="h-people">', '<h2 id="h-people">People</h2>');
    if (model.contributors.new.length > 0) out.push(`<p><strong>New:</strong> ${people(model.contributors.new)}</p>`);
    if (model.contributors.active.length > 0)
      out.push(`<p><strong>Active:</strong> ${people(model.contributors.active, 80)}</p>`);
    out.push('</section>');
  }
  if (model.notes.length > 0) {
    out.push(
      '<section id="notes" aria-labelledby="h-notes">',
      '<h2 id="h-notes">Notes on the input</h2>',
      '<ul class="small">',
    );
    for (const note of model.notes.slice(0, 50)) out.push(`<li>${h(note)}</li>`);
    out.push('</ul>', '</section>');
  }
  out.push('</main>');
  const source =
    model.source.kind === 'git'
      ? 'the git history of projects/'
      : `GitHub${model.source.repository ? ` (${h(model.source.repository)})` : ''}`;
  const rev = model.source.revision ? ` at ${h(model.source.revision.slice(0, 12))}` : '';
  out.push(
    `<footer>Made by Circuitboard from ${source}${rev}. Report schema v${model.schemaVersion}; the same data is in ${h(model.window.label)}.json.</footer>`,
    '</body>',
    '</html>',
  );
  return `${out.join('\n')}\n`;
}
