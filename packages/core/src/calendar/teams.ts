import type { Registry } from '../registry.ts';
import type { HackathonTeam } from './calendar.ts';

/** The hackathon teams: projects whose project.yml says `hackathon: <slug>`. */
export function teamsOf(registry: Pick<Registry, 'projects'>): HackathonTeam[] {
  return registry.projects.flatMap(({ slug, project }) => {
    const hackathon = (project as { hackathon?: unknown }).hackathon;
    return typeof hackathon === 'string' ? [{ slug, hackathon }] : [];
  });
}
