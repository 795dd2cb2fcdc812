import { describe, expect, it } from 'vitest';
import { type HackathonEntry, hackathonResults, type JudgeScores } from '../../src/calendar/index.ts';
import { calendarOf, edit, HACKATHON, lines } from './fixtures.ts';

const hackathon = (() => {
  const calendar = calendarOf({ 'events/winter.yml': HACKATHON });
  expect(lines(calendar)).toEqual([]);
  return calendar.entries[0] as HackathonEntry;
})();

/** Sheets from `{ judge: { team: [rigour, novelty] } }` (criteria weights: rigour 3, novelty 1). */
function sheets(marks: Record<string, Record<string, [number, number]>>): JudgeScores[] {
  return Object.entries(marks).map(([judge, teams]) => ({
    hackathon: 'winter',
    judge,
    path: `events/winter/scores/${judge}.yml`,
    scores: Object.entries(teams).map(([team, [rigour, novelty]]) => ({ team, criteria: { rigour, novelty } })),
  }));
}

const TEAMS = ['team-a', 'team-b', 'team-c'];

function ranking(marks: Record<string, Record<string, [number, number]>>, teams = TEAMS) {
  return hackathonResults(hackathon, sheets(marks), teams).teams.map((t) => `${t.rank ?? '-'} ${t.team}`);
}

describe('hackathon results', () => {
  it.each<[string, Record<string, Record<string, [number, number]>>, string[]]>([
    [
      'one judge: the order of their weighted marks',
      { alice: { 'team-a': [5, 5], 'team-b': [8, 2], 'team-c': [2, 9] } },
      ['1 team-b', '2 team-a', '3 team-c'],
    ],
    [
      // carol marks high and narrowly, alice low and widely; raw means would let carol's 10s decide. Normalised,
      // both judges count the same, and both prefer team-a over team-b.
      'a harsh and a generous judge count the same once normalised',
      {
        alice: { 'team-a': [6, 6], 'team-b': [2, 2], 'team-c': [4, 4] },
        carol: { 'team-a': [10, 10], 'team-b': [9, 9], 'team-c': [8, 8] },
      },
      ['1 team-a', '2 team-c', '3 team-b'],
    ],
    [
      'rigour weighs three times novelty',
      { alice: { 'team-a': [9, 1], 'team-b': [1, 9], 'team-c': [5, 5] } },
      ['1 team-a', '2 team-c', '3 team-b'],
    ],
    [
      'equal normalised scores are broken by the raw weighted mean',
      {
        alice: { 'team-a': [4, 4], 'team-b': [8, 8] },
        carol: { 'team-a': [9, 9], 'team-b': [6, 6] },
      },
      ['1 team-b', '2 team-a', '- team-c'],
    ],
    [
      'still equal: the same rank, listed by slug, and the next rank skips',
      {
        alice: { 'team-a': [6, 6], 'team-b': [6, 6], 'team-c': [2, 2] },
      },
      ['1 team-a', '1 team-b', '3 team-c'],
    ],
    [
      'a judge whose marks do not vary expresses no preference',
      {
        alice: { 'team-a': [7, 7], 'team-b': [7, 7], 'team-c': [7, 7] },
        carol: { 'team-a': [3, 3], 'team-b': [5, 5], 'team-c': [4, 4] },
      },
      ['1 team-b', '2 team-c', '3 team-a'],
    ],
  ])('%s', (_name, marks, expected) => {
    expect(ranking(marks)).toEqual(expected);
  });

  it('is the same whatever order the sheets and teams come in', () => {
    const marks = {
      alice: { 'team-a': [6, 3], 'team-b': [2, 8], 'team-c': [4, 4] },
      carol: { 'team-c': [10, 9], 'team-a': [9, 9], 'team-b': [8, 10] },
    } as Record<string, Record<string, [number, number]>>;
    const a = hackathonResults(hackathon, sheets(marks), TEAMS);
    const b = hackathonResults(hackathon, sheets(marks).reverse(), [...TEAMS].reverse());
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('says whose scores are missing and which teams nobody scored yet', () => {
    const results = hackathonResults(hackathon, sheets({ alice: { 'team-a': [5, 5], 'team-b': [6, 6] } }), TEAMS);
    expect(results.scoredBy).toEqual(['alice']);
    expect(results.waitingFor).toEqual(['carol']);
    expect(results.complete).toBe(false);
    expect(results.teams.map((t) => [t.team, t.rank, t.judges])).toEqual([
      ['team-b', 1, 1],
      ['team-a', 2, 1],
      ['team-c', undefined, 0],
    ]);
  });

  it('gives each criterion its normalised and raw mean, and the score is their weighted mean', () => {
    const results = hackathonResults(
      hackathon,
      sheets({ alice: { 'team-a': [8, 2], 'team-b': [4, 6] }, carol: { 'team-a': [7, 7], 'team-b': [7, 7] } }),
      ['team-a', 'team-b'],
    );
    const a = results.teams.find((t) => t.team === 'team-a');
    // alice: rigour 8 vs 4 → z = +1 / -1, novelty 2 vs 6 → -1 / +1; carol: no spread → 0.
    expect(a?.criteria).toEqual({ novelty: { normalised: -0.5, raw: 4.5 }, rigour: { normalised: 0.5, raw: 7.5 } });
    expect(a?.score).toBe((3 * 0.5 + 1 * -0.5) / 4);
    expect(a?.raw).toBe((3 * 7.5 + 1 * 4.5) / 4);
    expect(results.complete).toBe(true);
  });

  it('ignores scores for teams that are not (or no longer) in the hackathon', () => {
    const marks = { alice: { 'team-a': [9, 9], 'team-b': [1, 1], 'team-x': [5, 5] } } as Record<
      string,
      Record<string, [number, number]>
    >;
    expect(ranking(marks, ['team-a', 'team-b'])).toEqual(['1 team-a', '2 team-b']);
  });

  it('criteria weights come from the hackathon file', () => {
    const novelty = calendarOf({ 'events/winter.yml': edit(HACKATHON, '      weight: 1', '      weight: 9') })
      .entries[0] as HackathonEntry;
    const marks = sheets({ alice: { 'team-a': [9, 1], 'team-b': [1, 9] } });
    expect(
      hackathonResults(novelty, marks, TEAMS)
        .teams.map((t) => t.team)
        .slice(0, 2),
    ).toEqual(['team-b', 'team-a']);
  });
});
