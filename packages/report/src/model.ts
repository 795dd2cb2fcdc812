// The versioned report model: every rendering is a pure function of it. Its JSON Schema is published in
// schemas/report.schema.json (a test fails when the file drifts from REPORT_JSON_SCHEMA).
import type { ProjectStatus } from '@circuitboard/core';

/** 2: getInvolved (open roles), compute (compute requests) and the output-added happening. */
export const SCHEMA_VERSION = 2;
export const REPORT_SCHEMA_ID = 'https://circuitboard.dev/schemas/report.schema.json';

export type HealthState = 'active' | 'quiet' | 'stalled';
export const HEALTH_STATES: readonly HealthState[] = ['active', 'quiet', 'stalled'];

export interface PersonRef {
  name: string;
  login: string | null;
  url: string | null;
}

export interface ProjectRef {
  slug: string;
  title: string;
  url: string | null;
}

export const HIGHLIGHT_KINDS = [
  'milestone-done',
  'project-started',
  'project-completed',
  'proposal-new',
  'contributors-new',
] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export interface Highlight {
  kind: HighlightKind;
  date: string | null;
  project: ProjectRef | null;
  /** The milestone, project or proposal title; for contributors-new, a count in words. */
  title: string;
  /** A short qualifier, like "4 days late" or "by lena-v". */
  detail: string | null;
  url: string | null;
  people: PersonRef[];
}

export const HAPPENING_KINDS = [
  'milestone-done',
  'milestone-added',
  'milestone-due-changed',
  'milestone-dropped',
  'update-posted',
  'project-created',
  'status-changed',
  'member-joined',
  'member-left',
  'commits',
  'pull-merged',
  'issue-opened',
  'issue-closed',
  'output-added',
] as const;
export type HappeningKind = (typeof HAPPENING_KINDS)[number];

export interface Happening {
  date: string;
  kind: HappeningKind;
  /** What it is about, in people's words (a milestone title, an update heading, a login). */
  subject: string;
  detail: string | null;
  url: string | null;
}

export interface MilestoneRef {
  id: string;
  title: string;
  due: string;
  /** Days until due (due soon) or days past due (overdue), counted from the window end. */
  days: number;
}

export interface ProjectHealth {
  state: HealthState;
  lastActivity: string | null;
  daysSinceActivity: number | null;
  /** Days the most overdue open milestone is past its due date; 0 when none is. */
  mostOverdueDays: number;
  reason: string;
}

export interface ProjectReport {
  slug: string;
  title: string;
  status: ProjectStatus;
  url: string | null;
  leads: PersonRef[];
  /** Judged for active projects only; null for proposed, paused, completed and archived ones. */
  health: ProjectHealth | null;
  progress: { done: number; total: number; dropped: number };
  happened: Happening[];
  /** Happenings left out to keep the list short. */
  happenedOmitted: number;
  dueSoon: MilestoneRef[];
  overdue: MilestoneRef[];
  contributors: PersonRef[];
}

export const PROPOSAL_STAGES = ['new', 'needs-changes', 'ready', 'in-repository'] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];

export interface ProposalWaiting {
  title: string;
  number: number | null;
  slug: string | null;
  url: string | null;
  author: PersonRef | null;
  stage: ProposalStage;
  since: string | null;
  waitingDays: number | null;
}

export interface NumberRow {
  id: string;
  label: string;
  value: number;
  previous: number | null;
  change: number | null;
}

export const TREND_SERIES = ['activity', 'milestones-done', 'active-projects'] as const;
export type TrendSeriesId = (typeof TREND_SERIES)[number];

export interface TrendSeries {
  id: TrendSeriesId;
  label: string;
  description: string;
  values: number[];
}

/** A role a project is looking for someone to take (`help_wanted` in project.yml). */
export interface OpenRole {
  project: ProjectRef;
  role: string;
  skills: string[];
  hoursPerWeek: number | null;
  newcomerFriendly: boolean;
}

/** A project's request for compute (`research.compute`), for the organisers who can fund it. */
export interface ComputeRequest {
  project: ProjectRef;
  status: ProjectStatus;
  request: string;
  leads: PersonRef[];
}

export interface ReportModel {
  $schema?: string;
  schemaVersion: typeof SCHEMA_VERSION;
  title: string;
  community: { name: string; url: string | null; reportUrl: string | null };
  window: { start: string; end: string; label: string; isoWeek: string | null; firstDay: string; lastDay: string };
  generatedAt: string;
  source: { kind: 'git' | 'github'; repository: string | null; repositoryUrl: string | null; revision: string | null };
  thresholds: { quietAfterDays: number; stalledAfterDays: number; dueSoonDays: number; trendWeeks: number };
  headline: {
    milestonesDone: number;
    activeProjects: number;
    newContributors: number;
    updatesPosted: number;
    proposalsWaiting: number;
    needsAttention: number;
  };
  highlights: Highlight[];
  /** Highlights left out to keep the list short. */
  highlightsOmitted: number;
  projects: ProjectReport[];
  proposals: { waiting: ProposalWaiting[]; medianWaitDays: number | null };
  numbers: NumberRow[];
  trends: { weeks: { label: string; start: string }[]; series: TrendSeries[] };
  contributors: { new: PersonRef[]; active: PersonRef[] };
  /** Open roles of proposed, active and paused projects: newcomer-friendly first. */
  getInvolved: { roles: OpenRole[] };
  /** Compute requests of proposed and active projects. */
  compute: { requests: ComputeRequest[] };
  notes: string[];
}

// ---- JSON Schema (draft 2020-12), written out by scripts/write-schema.ts ----

type JsonSchema = Record<string, unknown>;
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' };
const TIMESTAMP = { type: 'string', format: 'date-time' };
const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (minimum?: number): JsonSchema => ({ type: 'integer', ...(minimum === undefined ? {} : { minimum }) });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const arr = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const enm = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
function obj(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((key) => key !== '$schema'),
    additionalProperties: false,
  };
}

export const REPORT_JSON_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: REPORT_SCHEMA_ID,
  title: 'Circuitboard weekly report',
  ...obj(
    {
      $schema: str('This schema.'),
      schemaVersion: { const: SCHEMA_VERSION, description: 'Bumped on any incompatible change.' },
      title: str(),
      community: obj({ name: str(), url: nullable(str()), reportUrl: nullable(str()) }),
      window: obj(
        {
          start: { ...TIMESTAMP, description: 'First instant inside the window (UTC).' },
          end: { ...TIMESTAMP, description: 'First instant after the window (exclusive).' },
          label: str('2026-W47 for an ISO week, 2026-11-01--2026-11-15 for a range.'),
          isoWeek: nullable(str()),
          firstDay: DATE,
          lastDay: DATE,
        },
        'Half-open [start, end) in UTC.',
      ),
      generatedAt: { ...TIMESTAMP, description: 'Given by the caller; the window end by default, never the clock.' },
      source: obj({
        kind: enm(['git', 'github']),
        repository: nullable(str()),
        repositoryUrl: nullable(str()),
        revision: nullable(str()),
      }),
      thresholds: obj({ quietAfterDays: int(1), stalledAfterDays: int(1), dueSoonDays: int(1), trendWeeks: int(1) }),
      headline: obj({
        milestonesDone: int(0),
        activeProjects: int(0),
        newContributors: int(0),
        updatesPosted: int(0),
        proposalsWaiting: int(0),
        needsAttention: int(0),
      }),
      highlights: arr(ref('Highlight')),
      highlightsOmitted: int(0),
      projects: arr(ref('ProjectReport')),
      proposals: obj({ waiting: arr(ref('ProposalWaiting')), medianWaitDays: nullable(int(0)) }),
      numbers: arr(
        obj({
          id: str(),
          label: str(),
          value: { type: 'number' },
          previous: nullable({ type: 'number' }),
          change: nullable({ type: 'number' }),
        }),
      ),
      trends: obj({
        weeks: arr(obj({ label: str(), start: TIMESTAMP })),
        series: arr(obj({ id: enm(TREND_SERIES), label: str(), description: str(), values: arr(int(0)) })),
      }),
      contributors: obj({ new: arr(ref('PersonRef')), active: arr(ref('PersonRef')) }),
      getInvolved: obj(
        { roles: arr(ref('OpenRole')) },
        'Roles the projects are looking for someone to take; newcomer-friendly ones first.',
      ),
      compute: obj({ requests: arr(ref('ComputeRequest')) }, 'Compute the projects ask the organisers to fund.'),
      notes: arr(str()),
    },
    'A Circuitboard report: what moved, what is stuck and who is new in one window.',
  ),
  $defs: {
    PersonRef: obj({ name: str(), login: nullable(str()), url: nullable(str()) }),
    ProjectRef: obj({ slug: str(), title: str(), url: nullable(str()) }),
    Highlight: obj({
      kind: enm(HIGHLIGHT_KINDS),
      date: nullable(DATE),
      project: nullable(ref('ProjectRef')),
      title: str(),
      detail: nullable(str()),
      url: nullable(str()),
      people: arr(ref('PersonRef')),
    }),
    Happening: obj({
      date: DATE,
      kind: enm(HAPPENING_KINDS),
      subject: str(),
      detail: nullable(str()),
      url: nullable(str()),
    }),
    MilestoneRef: obj({ id: str(), title: str(), due: DATE, days: int(0) }),
    ProjectReport: obj({
      slug: str(),
      title: str(),
      status: enm(['proposed', 'active', 'paused', 'completed', 'archived']),
      url: nullable(str()),
      leads: arr(ref('PersonRef')),
      health: nullable(
        obj({
          state: enm(HEALTH_STATES),
          lastActivity: nullable(DATE),
          daysSinceActivity: nullable(int(0)),
          mostOverdueDays: int(0),
          reason: str(),
        }),
      ),
      progress: obj({ done: int(0), total: int(0), dropped: int(0) }),
      happened: arr(ref('Happening')),
      happenedOmitted: int(0),
      dueSoon: arr(ref('MilestoneRef')),
      overdue: arr(ref('MilestoneRef')),
      contributors: arr(ref('PersonRef')),
    }),
    OpenRole: obj({
      project: ref('ProjectRef'),
      role: str(),
      skills: arr(str()),
      hoursPerWeek: nullable({ type: 'number', minimum: 0 }),
      newcomerFriendly: { type: 'boolean' },
    }),
    ComputeRequest: obj({
      project: ref('ProjectRef'),
      status: enm(['proposed', 'active', 'paused', 'completed', 'archived']),
      request: str(),
      leads: arr(ref('PersonRef')),
    }),
    ProposalWaiting: obj({
      title: str(),
      number: nullable(int(1)),
      slug: nullable(str()),
      url: nullable(str()),
      author: nullable(ref('PersonRef')),
      stage: enm(PROPOSAL_STAGES),
      since: nullable(DATE),
      waitingDays: nullable(int(0)),
    }),
  },
};

// ---- A small validator for the subset of JSON Schema used above ----

export interface SchemaIssue {
  path: string;
  message: string;
}

function check(schema: JsonSchema, value: unknown, path: string, issues: SchemaIssue[]): void {
  if (issues.length > 50) return;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = (REPORT_JSON_SCHEMA.$defs as Record<string, JsonSchema>)[name];
    if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
    check(target, value, path, issues);
    return;
  }
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as JsonSchema[];
    const ok = options.some((option) => {
      const sub: SchemaIssue[] = [];
      check(option, value, path, sub);
      return sub.length === 0;
    });
    if (!ok) {
      if (value === null) issues.push({ path, message: 'must not be null' });
      else check(options[0] as JsonSchema, value, path, issues);
    }
    return;
  }
  if ('const' in schema && value !== schema.const) {
    issues.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
    return;
  }
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return void issues.push({ path, message: 'must be a string' });
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
        issues.push({ path, message: `must be one of ${(schema.enum as string[]).join(', ')}` });
      }
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
        issues.push({ path, message: `must match ${schema.pattern}` });
      }
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
        issues.push({ path, message: 'must be a timestamp' });
      return;
    case 'boolean':
      if (typeof value !== 'boolean') issues.push({ path, message: 'must be true or false' });
      return;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return void issues.push({ path, message: 'must be a number' });
      if (schema.type === 'integer' && !Number.isInteger(value)) issues.push({ path, message: 'must be an integer' });
      if (typeof schema.minimum === 'number' && value < schema.minimum)
        issues.push({ path, message: `must be ≥ ${schema.minimum}` });
      return;
    case 'array':
      if (!Array.isArray(value)) return void issues.push({ path, message: 'must be an array' });
      value.forEach((item, i) => {
        check(schema.items as JsonSchema, item, `${path}/${i}`, issues);
      });
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return void issues.push({ path, message: 'must be an object' });
      const record = value as Record<string, unknown>;
      const properties = schema.properties as Record<string, JsonSchema>;
      for (const key of schema.required as string[]) {
        if (!(key in record)) issues.push({ path: `${path}/${key}`, message: 'is required' });
      }
      for (const [key, item] of Object.entries(record)) {
        const sub = properties[key];
        if (!sub) issues.push({ path: `${path}/${key}`, message: 'is not allowed' });
        else check(sub, item, `${path}/${key}`, issues);
      }
      return;
    }
    default:
      return;
  }
}

/** Checks a value against the report's JSON Schema; returns the problems, empty when it conforms. */
export function validateReportModel(value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(REPORT_JSON_SCHEMA, value, '', issues);
  return issues;
}

/**
 * A report written by an earlier schema version, brought to this one: version 1 had no getInvolved and compute
 * sections (read as empty, since they describe the projects rather than the week) and no output-added happenings.
 * Anything else, including a version from the future, is returned as it is for the schema check to judge.
 */
export function upgradeReportModel(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (record.schemaVersion !== 1) return value;
  return { ...record, schemaVersion: SCHEMA_VERSION, getInvolved: { roles: [] }, compute: { requests: [] } };
}

/**
 * Parses a report JSON written by an earlier run (e.g. last week's) and checks it; throws with the first problem.
 * Reports of an earlier schema version are upgraded first (see upgradeReportModel).
 */
export function parseReportModel(json: string, file = 'report.json'): ReportModel {
  const value: unknown = upgradeReportModel(JSON.parse(json));
  const issues = validateReportModel(value);
  if (issues.length > 0) {
    const first = issues[0] as SchemaIssue;
    throw new Error(`${file}: ${first.path || '/'} ${first.message} (report schema version ${SCHEMA_VERSION})`);
  }
  return value as ReportModel;
}
