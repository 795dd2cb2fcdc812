// Hackathon results from the judges' score sheets. Method (docs/events.md, "How judging works"):
//  1. Per judge and criterion, marks become z-scores over the teams that judge scored (mean 0, spread 1), because
//     judges use the scale differently: one gives 6–8, another 2–10. A judge whose marks for a criterion do not
//     vary (or who scored one team) expresses no preference there and contributes 0.
//  2. Per team and criterion, the mean z-score over the judges who scored the team.
//  3. The team's result is the weighted mean of those over the criteria (weights as in the hackathon file).
// Ties (equal to 9 decimal places) are broken by the weighted mean of the raw marks; still equal, the teams share
// the rank and are listed by slug. Judges, teams and criteria are always taken in sorted order, so the arithmetic,
// and with it every digit, is the same on every machine and every run.
import type { JudgeScores } from './calendar.ts';
import type { HackathonEntry } from './entry.ts';

export interface CriterionResult {
  /** Mean z-score over the judges who scored the team. */
  normalised: number;
  /** Mean raw mark over the same judges. */
  raw: number;
}

export interface TeamResult {
  team: string;
  /** Competition ranking (1, 2, 2, 4); absent for a team no judge has scored yet. */
  rank?: number;
  /** Weighted mean of the criteria's normalised scores: the result. */
  score?: number;
  /** Weighted mean of the raw marks, the first tie-break, and what people can check by hand. */
  raw?: number;
  /** Judges who scored the team. */
  judges: number;
  criteria: Record<string, CriterionResult>;
}

export interface HackathonResults {
  hackathon: string;
  /** Judges (GitHub logins, as listed) with and without a score sheet. */
  scoredBy: string[];
  waitingFor: string[];
  /** Every judge has a sheet and every team has been scored by at least one judge. */
  complete: boolean;
  /** Ranked teams first, then the teams not scored yet by slug. */
  teams: TeamResult[];
}

const PRECISION = 1e9;
const round = (x: number) => Math.round(x * PRECISION) / PRECISION;
const bySlug = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Results of one hackathon from its judges' sheets, for the teams given (project slugs). Pure and deterministic. */
export function hackathonResults(
  hackathon: HackathonEntry,
  sheets: readonly JudgeScores[],
  teams: readonly string[],
): HackathonResults {
  const judging = hackathon.data.judging;
  const judges = (judging?.judges ?? []).map((j) => j.github);
  const own = sheets
    .filter((s) => s.hackathon === hackathon.slug)
    .sort((a, b) => bySlug(a.judge.toLowerCase(), b.judge.toLowerCase()));
  const scoredBy = judges.filter((j) => own.some((s) => s.judge.toLowerCase() === j.toLowerCase()));
  const waitingFor = judges.filter((j) => !scoredBy.includes(j));
  const teamSlugs = [...new Set(teams)].sort(bySlug);
  const criteria = [...(judging?.criteria ?? [])].sort((a, b) => bySlug(a.id, b.id));
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);

  // z[team][criterion] = list of (z, raw) over judges
  const marks = new Map<string, Map<string, { z: number; raw: number }[]>>();
  const judgesOf = new Map<string, number>();
  for (const sheet of own) {
    const scores = sheet.scores.filter((s) => teamSlugs.includes(s.team)).sort((a, b) => bySlug(a.team, b.team));
    for (const team of new Set(scores.map((s) => s.team))) judgesOf.set(team, (judgesOf.get(team) ?? 0) + 1);
    for (const criterion of criteria) {
      const values = scores.map((s) => s.criteria[criterion.id] ?? Number.NaN).filter((v) => Number.isFinite(v));
      const mean = values.reduce((sum, v) => sum + v, 0) / (values.length || 1);
      const spread = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length || 1));
      for (const score of scores) {
        const raw = score.criteria[criterion.id];
        if (raw === undefined || !Number.isFinite(raw)) continue;
        const z = spread > 0 ? (raw - mean) / spread : 0;
        let byCriterion = marks.get(score.team);
        if (!byCriterion) {
          byCriterion = new Map();
          marks.set(score.team, byCriterion);
        }
        const list = byCriterion.get(criterion.id) ?? [];
        list.push({ z, raw });
        byCriterion.set(criterion.id, list);
      }
    }
  }

  const results: TeamResult[] = teamSlugs.map((team) => {
    const byCriterion = marks.get(team);
    const result: TeamResult = { team, judges: judgesOf.get(team) ?? 0, criteria: {} };
    if (!byCriterion || totalWeight === 0) return result;
    let score = 0;
    let raw = 0;
    for (const criterion of criteria) {
      const list = byCriterion.get(criterion.id) ?? [];
      if (list.length === 0) continue;
      const normalised = list.reduce((sum, m) => sum + m.z, 0) / list.length;
      const mean = list.reduce((sum, m) => sum + m.raw, 0) / list.length;
      result.criteria[criterion.id] = { normalised: round(normalised), raw: round(mean) };
      score += (criterion.weight * normalised) / totalWeight;
      raw += (criterion.weight * mean) / totalWeight;
    }
    result.score = round(score);
    result.raw = round(raw);
    return result;
  });

  const ranked = results
    .filter((r) => r.score !== undefined)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (b.raw ?? 0) - (a.raw ?? 0) || bySlug(a.team, b.team));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.rank = previous && previous.score === r.score && previous.raw === r.raw ? (previous.rank ?? i + 1) : i + 1;
  });
  const unscored = results.filter((r) => r.score === undefined);
  return {
    hackathon: hackathon.slug,
    scoredBy,
    waitingFor,
    complete: waitingFor.length === 0 && unscored.length === 0 && judges.length > 0,
    teams: [...ranked, ...unscored],
  };
}
