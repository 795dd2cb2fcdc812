// Short drafts for social posts: X (280, weighted like X counts) and Bluesky (300 graphemes). A person posts
// them; mentions in people's text are neutralised all the same.
import { plainText, safeHttpUrl } from '../escape.ts';
import type { ReportModel } from '../model.ts';
import { graphemeLength, plural, truncateGraphemes } from '../text.ts';
import { shortWindow } from './common.ts';
import { BLUESKY_POST_MAX_GRAPHEMES, X_POST_MAX_WEIGHT, X_URL_WEIGHT } from './limits.ts';

export interface SocialPosts {
  x: string;
  bluesky: string;
}

export interface SocialOptions {
  reportUrl?: string | null;
}

const URL_PATTERN = /https?:\/\/[^\s]+/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function lightCodePoint(cp: number): boolean {
  return (
    cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037)
  );
}

/** The length X gives a post: links 23, emoji 2, most non-Latin characters 2, the rest 1. */
export function xWeightedLength(text: string): number {
  let weight = 0;
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    weight += plainWeight(text.slice(last, match.index));
    weight += X_URL_WEIGHT;
    last = (match.index ?? 0) + match[0].length;
  }
  return weight + plainWeight(text.slice(last));
}

function plainWeight(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (/\p{Extended_Pictographic}/u.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) weight += lightCodePoint(char.codePointAt(0) as number) ? 1 : 2;
  }
  return weight;
}

/** The most newsworthy bits, best first, as short phrases. */
function bits(model: ReportModel): string[] {
  const out: string[] = [];
  for (const h of model.highlights) {
    if (h.kind === 'milestone-done') out.push(`✅ ${plainText(h.title)}`);
    else if (h.kind === 'project-started') out.push(`🚀 New project: ${plainText(h.title)}`);
    else if (h.kind === 'project-completed') out.push(`🏁 Completed: ${plainText(h.title)}`);
    else if (h.kind === 'proposal-new') out.push(`💡 Proposal: ${plainText(h.title)}`);
  }
  return out;
}

function compose(
  model: ReportModel,
  url: string | null,
  fits: (text: string) => boolean,
  cut: (text: string, room: (t: string) => boolean) => string,
): string {
  const h = model.headline;
  const numbers = [
    h.milestonesDone > 0 ? `${plural(h.milestonesDone, 'milestone')} done` : null,
    h.activeProjects > 0 ? `${plural(h.activeProjects, 'project')} moving` : null,
    h.newContributors > 0 ? `${plural(h.newContributors, 'new contributor')}` : null,
  ].filter((x): x is string => x !== null);
  const opening = `${plainText(model.community.name)}, ${shortWindow(model)}: ${numbers.length > 0 ? numbers.join(', ') : 'a quiet week in the project files'}.`;
  const tail = url ? `\n\nFull report: ${url}` : '';
  let text = cut(opening, (t) => fits(t + tail));
  for (const bit of bits(model)) {
    const next = `${text}\n${bit}`;
    if (fits(next + tail)) text = next;
    else {
      // One long highlight may still fit shortened; then stop.
      const shortened = cut(`${text}\n${bit}`, (t) => fits(t + tail));
      if (shortened.length > text.length + 8) text = shortened;
      break;
    }
  }
  return text + tail;
}

/** Cuts whole graphemes off the end until `room` accepts the text with an ellipsis. */
function cutTo(text: string, room: (t: string) => boolean): string {
  if (room(text)) return text;
  const graphemes = [...segmenter.segment(text)].map((s) => s.segment);
  let lo = 0;
  let hi = graphemes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (room(`${graphemes.slice(0, mid).join('').trimEnd()}…`)) lo = mid;
    else hi = mid - 1;
  }
  return `${graphemes.slice(0, lo).join('').trimEnd()}…`;
}

export function renderSocialPosts(model: ReportModel, options: SocialOptions = {}): SocialPosts {
  const url = safeHttpUrl(options.reportUrl ?? model.community.reportUrl ?? model.community.url);
  const x = compose(model, url, (t) => xWeightedLength(t) <= X_POST_MAX_WEIGHT, cutTo);
  const bluesky = compose(model, url, (t) => graphemeLength(t) <= BLUESKY_POST_MAX_GRAPHEMES, cutTo);
  return {
    x,
    bluesky:
      graphemeLength(bluesky) <= BLUESKY_POST_MAX_GRAPHEMES
        ? bluesky
        : truncateGraphemes(bluesky, BLUESKY_POST_MAX_GRAPHEMES),
  };
}

/** Both drafts as one Markdown file for people to copy from. */
export function renderSocialMarkdown(posts: SocialPosts): string {
  const fence = (text: string) => {
    const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `${ticks}text\n${text}\n${ticks}`;
  };
  return [
    '# Social post drafts',
    '',
    `## X (${xWeightedLength(posts.x)} of ${X_POST_MAX_WEIGHT})`,
    '',
    fence(posts.x),
    '',
    `## Bluesky (${graphemeLength(posts.bluesky)} of ${BLUESKY_POST_MAX_GRAPHEMES} graphemes)`,
    '',
    fence(posts.bluesky),
    '',
  ].join('\n');
}
