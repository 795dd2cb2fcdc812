import type { Registry } from '../registry.ts';
import { YamlSource } from '../source.ts';
import type { HackathonTeam } from './calendar.ts';

/**
 * The hackathon teams: projects whose project.yml says `hackathon: <slug>`. Given the project files, each team
 * also carries where that line is, so a slug that names no hackathon is reported at the project's own line.
 */
export function teamsOf(registry: Pick<Registry, 'projects'>, files?: ReadonlyMap<string, string>): HackathonTeam[] {
  return registry.projects.flatMap(({ slug, path, project }) => {
    const { hackathon } = project;
    if (hackathon === undefined) return [];
    const team: HackathonTeam = { slug, hackathon };
    const text = files?.get(path);
    if (text !== undefined) {
      const at = new YamlSource(text, path).positionOf(['hackathon']);
      team.at = { path, line: at.line, column: at.column };
    }
    return [team];
  });
}
