import type { RouteHandler } from './context.ts';
import { gitRoutes } from './git.ts';
import { issueRoutes } from './issues.ts';
import { labelRoutes } from './labels.ts';
import { milestoneRoutes } from './milestones.ts';
import { pullRoutes } from './pulls.ts';
import { repoRoutes } from './repos.ts';

/** Every REST operation the fake implements, by GitHub's operationId. */
export const ROUTES: Readonly<Record<string, RouteHandler>> = {
  ...issueRoutes,
  ...labelRoutes,
  ...milestoneRoutes,
  ...pullRoutes,
  ...gitRoutes,
  ...repoRoutes,
};

/** Answered by the server itself (it owns the rate-limit counters). */
export const RATE_LIMIT_OPERATION = 'rate-limit/get';
