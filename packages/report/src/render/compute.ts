// The "Compute requests" section, for organisers who can fund compute: in the Markdown report and the HTML page
// (not in the digest or the newsletter, which are for members). Self-contained, so a renderer includes it with one call.
import { escapeHtml, escapeMarkdown, markdownLink, safeHttpUrl } from '../escape.ts';
import type { PersonRef, ReportModel } from '../model.ts';
import { plural } from '../text.ts';
import { STATUS_WORDS } from './common.ts';

/** Most requests listed; the rest are counted. */
export const MAX_COMPUTE_REQUESTS = 50;

const INTRO = 'What the proposed and active projects ask for, for organisers who can help fund it.';

function leadsMarkdown(leads: PersonRef[]): string {
  return leads.map((p) => markdownLink(p.login ?? p.name, p.url)).join(', ') || '—';
}

/** `## Compute requests` and a table; nothing when no project asks. */
export function computeMarkdown(model: ReportModel): string[] {
  const requests = model.compute.requests;
  if (requests.length === 0) return [];
  const lines = [
    '## Compute requests',
    '',
    INTRO,
    '',
    '| Project | Status | Request | Leads |',
    '| --- | --- | --- | --- |',
  ];
  for (const r of requests.slice(0, MAX_COMPUTE_REQUESTS)) {
    lines.push(
      `| ${markdownLink(r.project.title, r.project.url)} | ${STATUS_WORDS[r.status]} | ${escapeMarkdown(r.request)} | ${leadsMarkdown(r.leads)} |`,
    );
  }
  if (requests.length > MAX_COMPUTE_REQUESTS)
    lines.push(`| … and ${plural(requests.length - MAX_COMPUTE_REQUESTS, 'more request')} | | | |`);
  lines.push('');
  return lines;
}

/** The section for the HTML page; empty when no project asks. */
export function computeHtml(model: ReportModel): string[] {
  const requests = model.compute.requests;
  if (requests.length === 0) return [];
  const h = escapeHtml;
  const person = (p: PersonRef) => {
    const url = safeHttpUrl(p.url);
    const name = h(p.login ?? p.name);
    return url ? `<a href="${h(url)}" rel="noopener noreferrer">${name}</a>` : name;
  };
  const out = [
    '<section id="compute" aria-labelledby="h-compute">',
    '<h2 id="h-compute">Compute requests</h2>',
    `<p class="small">${h(INTRO)}</p>`,
    '<ul class="plain compute">',
  ];
  for (const r of requests.slice(0, MAX_COMPUTE_REQUESTS)) {
    const leads = r.leads.length > 0 ? ` · led by ${r.leads.map(person).join(', ')}` : '';
    out.push(
      `<li><a href="#project-${h(r.project.slug)}">${h(r.project.title)}</a> <span class="badge status-${r.status}">${h(STATUS_WORDS[r.status])}</span><br><strong>${h(r.request)}</strong><span class="muted small">${leads}</span></li>`,
    );
  }
  out.push('</ul>');
  if (requests.length > MAX_COMPUTE_REQUESTS)
    out.push(`<p class="muted small">… and ${h(plural(requests.length - MAX_COMPUTE_REQUESTS, 'more request'))}</p>`);
  out.push('</section>');
  return out;
}
