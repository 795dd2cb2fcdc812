import * as z from 'zod';
import { PAPER_ID_MAX, readPaperId } from './paper-id.ts';

/** Folder names of projects and milestone ids: lowercase words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 48;
/** GitHub logins: alphanumerics and single inner hyphens, at most 39 characters. */
export const GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** Discord snowflakes are 64-bit integers written as 17–20 digit strings. */
export const SNOWFLAKE_PATTERN = /^[1-9][0-9]{16,19}$/;
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const PROJECT_STATUSES = ['proposed', 'active', 'paused', 'completed', 'archived'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** A real calendar date written as YYYY-MM-DD (2026-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'must be a date written as YYYY-MM-DD, for example 2026-11-15')
  .refine(isCalendarDate, 'is not a real calendar date; write an existing day as YYYY-MM-DD')
  .meta({ description: 'A calendar date written as YYYY-MM-DD.', format: 'date' });

export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const Slug = z
  .string()
  .max(SLUG_MAX_LENGTH, `must be at most ${SLUG_MAX_LENGTH} characters`)
  .regex(SLUG_PATTERN, 'must be lowercase letters and digits joined by single hyphens, like induction-heads');

export const GitHubLogin = z
  .string()
  .regex(GITHUB_LOGIN_PATTERN, 'must be a GitHub username without the @, like alice')
  .meta({ description: 'A GitHub username, without the @.' });

export const Snowflake = z
  .string()
  .regex(SNOWFLAKE_PATTERN, 'must be a Discord user id in quotes, 17 to 20 digits, like "123456789012345678"')
  .meta({ description: 'A Discord id (snowflake) written as a quoted string of 17–20 digits.' });

/** A web link whose scheme is one of `protocols`, with a host, at most 2,048 characters. */
function webLink(protocols: readonly string[], message: string, pattern: string) {
  return z
    .string()
    .max(2048)
    .refine((value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname.length > 0;
      } catch {
        return false;
      }
    }, message)
    .meta({ format: 'uri', pattern });
}

export const HttpUrl = webLink(
  ['https:', 'http:'],
  'must be an http(s) link, like https://github.com/example/repo',
  '^https?://',
);

/** A link that must be https (outputs are shown to everyone; http links are refused rather than upgraded). */
export const HttpsUrl = webLink(
  ['https:'],
  'must be an https link, like https://www.lesswrong.com/posts/…',
  '^https://',
);

/** `arxiv:<id>` or `doi:<doi>`, checked by its syntax; the message of a bad one says which part is wrong and why. */
export const PaperIdentifier = z
  .string()
  .superRefine((value, ctx) => {
    const { problem } = readPaperId(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { standalone: true } });
  })
  .meta({
    description:
      'A paper: arxiv:<id> (arxiv:2211.00593, arxiv:2211.00593v2, arxiv:hep-th/9901001) or doi:<doi> (doi:10.48550/arXiv.2301.05217).',
    pattern: '^(arxiv:|doi:10\\.)',
    maxLength: PAPER_ID_MAX,
  });

export const Person = z
  .strictObject({
    github: GitHubLogin,
    discord: Snowflake.optional().meta({
      description:
        'Optional Discord user id. Giving it opts in to being mentioned by the bot where the community enables it.',
    }),
  })
  .meta({ id: 'Person', description: 'A person on the project, by GitHub username.' });
export type Person = z.infer<typeof Person>;

export const Milestone = z
  .strictObject({
    id: Slug.meta({ description: 'Unique in the project; lowercase words joined by hyphens.' }),
    title: z.string().min(1).max(200).meta({ description: 'What is done when this milestone is done.' }),
    due: IsoDate.optional().meta({ description: 'When it is planned, YYYY-MM-DD.' }),
    done: IsoDate.optional().meta({ description: 'The day it was done, YYYY-MM-DD; absent while open.' }),
    dropped: z.boolean().optional().meta({ description: 'true when given up; explain why in an update.' }),
  })
  .meta({ id: 'Milestone' });
export type Milestone = z.infer<typeof Milestone>;

export const PROJECT_TITLE_MAX = 120;
export const PROJECT_SUMMARY_MAX = 1000;

/** How much of each wave-2 list a project.yml may hold, and how long each entry may be. */
export const PROJECT_LIMITS = {
  helpWanted: 20,
  role: 120,
  skills: 10,
  skill: 40,
  hoursPerWeek: 40,
  papers: 50,
  models: 20,
  datasets: 20,
  name: 100,
  compute: 500,
  outputs: 100,
  outputTitle: 200,
} as const;

export const HelpWanted = z
  .strictObject({
    role: z
      .string()
      .min(1)
      .max(PROJECT_LIMITS.role)
      .meta({ description: 'What the person would do, in a few words: "Run activation-patching sweeps".' }),
    skills: z
      .array(z.string().min(1).max(PROJECT_LIMITS.skill))
      .max(PROJECT_LIMITS.skills)
      .optional()
      .meta({ description: 'What helps, as short words: [python, transformerlens].' }),
    hours_per_week: z
      .number()
      .positive()
      .max(PROJECT_LIMITS.hoursPerWeek)
      .optional()
      .meta({ description: 'Roughly how many hours a week the role takes.' }),
    newcomer_friendly: z
      .boolean()
      .optional()
      .meta({ description: 'true when someone new to interpretability research can take it on, with help.' }),
  })
  .meta({ id: 'HelpWanted', description: 'A role the project is looking for someone to take.' });
export type HelpWanted = z.infer<typeof HelpWanted>;

const Name = z.string().min(1).max(PROJECT_LIMITS.name);

export const Research = z
  .strictObject({
    papers: z
      .array(PaperIdentifier)
      .max(PROJECT_LIMITS.papers)
      .optional()
      .meta({ description: 'Papers the project builds on: arxiv:<id> or doi:<doi>.' }),
    models: z
      .array(Name)
      .max(PROJECT_LIMITS.models)
      .optional()
      .meta({ description: 'Models studied, by name: [pythia-160m, gpt2-small].' }),
    datasets: z
      .array(Name)
      .max(PROJECT_LIMITS.datasets)
      .optional()
      .meta({ description: 'Datasets used, by name: [openwebtext].' }),
    compute: z.string().min(1).max(PROJECT_LIMITS.compute).optional().meta({
      description: 'Compute the project asks for, in words the organisers can fund: "1×A100 for about 20 hours".',
    }),
  })
  .meta({ id: 'Research', description: 'The research plan: papers, models, datasets and a compute request.' });
export type Research = z.infer<typeof Research>;

export const OUTPUT_KINDS = ['paper', 'post', 'code', 'dataset', 'video', 'talk'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const Output = z
  .strictObject({
    kind: z.enum(OUTPUT_KINDS).meta({ description: 'paper | post | code | dataset | video | talk' }),
    title: z.string().min(1).max(PROJECT_LIMITS.outputTitle).meta({ description: 'Its title, as published.' }),
    url: HttpsUrl.meta({ description: 'Where to read, watch or run it (https).' }),
    date: IsoDate.meta({ description: 'The day it came out, YYYY-MM-DD (not in the future).' }),
  })
  .meta({ id: 'Output', description: 'Something that came out of the project.' });
export type Output = z.infer<typeof Output>;

/** A hackathon's slug (events/<slug>.yml); the same pattern as a project slug. */
export const HackathonSlug = z
  .string()
  .max(SLUG_MAX_LENGTH, `must be at most ${SLUG_MAX_LENGTH} characters`)
  .regex(
    SLUG_PATTERN,
    "must be the hackathon's slug: lowercase letters and digits joined by single hyphens, like winter-2027",
  );

export const Project = z
  .strictObject({
    title: z.string().min(1).max(PROJECT_TITLE_MAX).meta({ description: 'The project title, in plain words.' }),
    status: z.enum(PROJECT_STATUSES).meta({ description: 'proposed | active | paused | completed | archived' }),
    summary: z
      .string()
      .min(1)
      .max(PROJECT_SUMMARY_MAX)
      .meta({ description: 'One paragraph: the question and why it matters.' }),
    leads: z
      .array(Person)
      .min(1)
      .meta({ description: 'At least one lead; leads own the project folder (CODEOWNERS).' }),
    members: z.array(Person).optional(),
    tags: z
      .array(z.string().max(32).regex(SLUG_PATTERN, 'must be a lowercase tag like induction-heads'))
      .max(20)
      .optional(),
    links: z
      .record(z.string().regex(SLUG_PATTERN, 'link names are lowercase words like repo, paper or notes'), HttpUrl)
      .optional()
      .meta({ description: 'Named http(s) links: repo, paper, notes, …' }),
    started: IsoDate.optional(),
    proposal: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The number of the issue the project came from.' }),
    milestones: z.array(Milestone).optional(),
    help_wanted: z
      .array(HelpWanted)
      .max(PROJECT_LIMITS.helpWanted)
      .optional()
      .meta({ description: 'Roles the project needs; shown on Discord, in the report and in the projects index.' }),
    research: Research.optional(),
    outputs: z
      .array(Output)
      .max(PROJECT_LIMITS.outputs)
      .optional()
      .meta({ description: 'What came out of the project: papers, posts, code, datasets, videos, talks.' }),
    hackathon: HackathonSlug.optional().meta({
      description: "Set on a hackathon team's project: the hackathon's slug (events/<slug>.yml).",
    }),
  })
  .meta({
    id: 'Project',
    title: 'Circuitboard project',
    description: 'projects/<slug>/project.yml — one research project of the community.',
  });
export type Project = z.infer<typeof Project>;

const ChannelId = Snowflake.meta({ description: 'A Discord channel id, as a quoted string.' });

export const CommunityConfig = z
  .strictObject({
    version: z.literal(1).meta({ description: 'Config format version; always 1 for now.' }),
    community: z.strictObject({
      name: z.string().min(1).max(100),
      url: HttpUrl.optional(),
      /** Where the published weekly report lives, linked from the Discord digest. */
      report_url: HttpUrl.optional(),
    }),
    proposals: z
      .strictObject({
        labels: z
          .strictObject({
            proposal: z.string().min(1).max(50).default('proposal'),
            needs_changes: z.string().min(1).max(50).default('proposal: needs changes'),
            ready: z.string().min(1).max(50).default('proposal: ready for review'),
            approved: z.string().min(1).max(50).default('proposal: approved'),
            rejected: z.string().min(1).max(50).default('proposal: declined'),
          })
          .prefault({}),
        commands: z
          .strictObject({
            approve: z
              .string()
              .regex(/^\/[a-z-]+$/)
              .default('/approve'),
            reject: z
              .string()
              .regex(/^\/[a-z-]+$/)
              .default('/reject'),
          })
          .prefault({}),
        /** Minimum repository permission whose approval counts. */
        approver_permission: z.enum(['write', 'maintain', 'admin']).default('write'),
      })
      .prefault({}),
    labels: z
      .strictObject({
        project_prefix: z.string().min(1).max(30).default('project:'),
        color: z
          .string()
          .regex(/^[0-9a-f]{6}$/)
          .default('5319e7'),
      })
      .prefault({}),
    discord: z
      .strictObject({
        forum_channel: ChannelId.optional().meta({ description: 'Forum channel with one post per project.' }),
        proposals_channel: ChannelId.optional().meta({
          description: 'Forum channel where new proposals are announced.',
        }),
        status_channel: ChannelId.optional().meta({ description: 'Channel holding the status board message.' }),
        digest_channel: ChannelId.optional().meta({ description: 'Channel for the weekly digest.' }),
        tags: z
          .strictObject({
            proposed: Snowflake.optional(),
            active: Snowflake.optional(),
            paused: Snowflake.optional(),
            completed: Snowflake.optional(),
            archived: Snowflake.optional(),
          })
          .prefault({})
          .meta({ description: 'Forum tag ids shown on each project post, by status (bot mode).' }),
        mention_leads: z.boolean().default(false).meta({
          description: 'Mention leads who gave a Discord id in project.yml when their milestone moves.',
        }),
      })
      .prefault({}),
    report: z
      .strictObject({
        quiet_after_days: z.number().int().min(1).max(365).default(14),
        stalled_after_days: z.number().int().min(1).max(365).default(35),
        due_soon_days: z.number().int().min(1).max(90).default(14),
        trend_weeks: z.number().int().min(4).max(52).default(12),
      })
      .prefault({}),
  })
  .meta({
    id: 'CommunityConfig',
    title: 'Circuitboard community config',
    description: '.github/circuitboard.yml — how Circuitboard runs for this community.',
  });
export type CommunityConfig = z.infer<typeof CommunityConfig>;
export type CommunityConfigInput = z.input<typeof CommunityConfig>;
