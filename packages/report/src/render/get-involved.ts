// The "Get involved" section in every rendering that members read: the open roles, newcomer-friendly first (marked 🌱),
// capped with "… and N more". Self-contained, so a renderer includes it with one call.
import { DISCORD_LIMITS } from '@circuitboard/discord';
import type { APIEmbedField } from 'discord-api-types/v10';
import { discordLink, escapeDiscord, escapeHtml, escapeMarkdown, markdownLink } from '../escape.ts';
import type { OpenRole, ReportModel } from '../model.ts';
import { plural, truncate } from '../text.ts';
import { fitList } from './fit.ts';

/** Most roles listed in the Markdown and HTML reports; the rest are counted. */
export const MAX_ROLES_LISTED = 30;
/** Most roles in the Discord digest and the newsletter, which people skim. */
export const MAX_ROLES_SKIMMED = 8;

export const GET_INVOLVED_TITLE = 'Get involved';
const INTRO = 'Roles the projects are looking for someone to take, newcomer-friendly ones (🌱) first.';

/** "python, transformerlens · 3 h/week" in plain words, or null. */
function details(role: OpenRole): string | null {
  const parts = [
    role.skills.length > 0 ? role.skills.join(', ') : null,
    role.hoursPerWeek === null ? null : `${role.hoursPerWeek} h/week`,
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function mark(role: OpenRole): string {
  return role.newcomerFriendly ? '🌱 ' : '';
}

function more(count: number): string {
  return `… and ${plural(count, 'more role')}`;
}

/** `## Get involved` and a list, for the Markdown report; nothing when no role is open. */
export function getInvolvedMarkdown(model: ReportModel): string[] {
  const roles = model.getInvolved.roles;
  if (roles.length === 0) return [];
  const lines = ['## Get involved', '', INTRO, ''];
  for (const role of roles.slice(0, MAX_ROLES_LISTED)) {
    const about = details(role);
    lines.push(
      `- ${mark(role)}**${escapeMarkdown(role.role)}** in ${markdownLink(role.project.title, role.project.url)}${about ? ` — ${escapeMarkdown(about)}` : ''}`,
    );
  }
  if (roles.length > MAX_ROLES_LISTED) lines.push(`- ${more(roles.length - MAX_ROLES_LISTED)}`);
  lines.push('');
  return lines;
}

/** The section for the HTML page; empty when no role is open. */
export function getInvolvedHtml(model: ReportModel): string[] {
  const roles = model.getInvolved.roles;
  if (roles.length === 0) return [];
  const h = escapeHtml;
  const out = [
    '<section id="get-involved" aria-labelledby="h-get-involved">',
    `<h2 id="h-get-involved">${GET_INVOLVED_TITLE}</h2>`,
    `<p class="small">${h(INTRO)}</p>`,
    '<ul class="plain roles">',
  ];
  for (const role of roles.slice(0, MAX_ROLES_LISTED)) {
    const about = details(role);
    const badge = role.newcomerFriendly ? ' <span class="badge newcomer">🌱 newcomer-friendly</span>' : '';
    // Every project with open roles has its entry under Projects (proposed, active and paused ones always do).
    const project = `<a href="#project-${h(role.project.slug)}">${h(role.project.title)}</a>`;
    out.push(
      `<li><strong>${h(role.role)}</strong>${badge} <span class="muted small">in ${project}${about ? ` · ${h(about)}` : ''}</span></li>`,
    );
  }
  out.push('</ul>');
  if (roles.length > MAX_ROLES_LISTED)
    out.push(`<p class="muted small">${h(more(roles.length - MAX_ROLES_LISTED))}</p>`);
  out.push('</section>');
  return out;
}

/** The digest's "Get involved" field, at most MAX_ROLES_SKIMMED roles and within Discord's field limit. */
export function getInvolvedDiscordField(model: ReportModel): APIEmbedField | undefined {
  const roles = model.getInvolved.roles;
  if (roles.length === 0) return undefined;
  const lines = roles.map((role) => {
    const about = details(role);
    const line = `${role.newcomerFriendly ? '🌱' : '•'} **${escapeDiscord(role.role)}** · ${discordLink(role.project.title, role.project.url)}${about ? ` · ${escapeDiscord(about)}` : ''}`;
    return truncate(line, 300);
  });
  return {
    name: `${GET_INVOLVED_TITLE} (${plural(roles.length, 'open role')})`,
    value: fitList(lines, { maxLines: MAX_ROLES_SKIMMED, maxChars: DISCORD_LIMITS.embedFieldValue, more }),
  };
}

/**
 * The newsletter's "Get involved" section: open roles first, then projects that just started and proposals that
 * would welcome feedback. Empty when there is none of these.
 */
export function getInvolvedNewsletter(model: ReportModel): string[] {
  const roles = model.getInvolved.roles;
  const started = model.highlights.filter((x) => x.kind === 'project-started');
  const proposals = model.proposals.waiting.filter((w) => w.stage !== 'in-repository' || w.waitingDays !== null);
  if (roles.length === 0 && proposals.length === 0 && started.length === 0) return [];
  const e = escapeMarkdown;
  const out = ['## Get involved', ''];
  if (roles.length > 0) {
    const newcomers = roles.filter((r) => r.newcomerFriendly).length;
    out.push(
      newcomers > 0
        ? `The projects are looking for help, and ${plural(newcomers, 'role is', 'roles are')} a good first step if you are new (🌱):`
        : 'The projects are looking for help:',
      '',
    );
    for (const role of roles.slice(0, MAX_ROLES_SKIMMED)) {
      const about = details(role);
      out.push(
        `- ${mark(role)}**${e(role.role)}** for ${markdownLink(role.project.title, role.project.url)}${about ? ` (${e(about)})` : ''}`,
      );
    }
    if (roles.length > MAX_ROLES_SKIMMED) out.push(`- ${more(roles.length - MAX_ROLES_SKIMMED)} in the full report`);
    out.push('', "Say hello in the project's thread on Discord to take one on.", '');
  }
  for (const s of started)
    out.push(`- 🚀 Just started: ${markdownLink(s.title, s.url)} — say hi to the leads if you want to help.`);
  for (const w of proposals.slice(0, 5)) {
    const by = w.author ? ` by ${markdownLink(w.author.login ?? w.author.name, w.author.url)}` : '';
    out.push(`- 💡 Proposal: ${markdownLink(w.title, w.url)}${by} — feedback welcome.`);
  }
  out.push('');
  return out;
}
