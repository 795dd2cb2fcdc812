import type { SyncReport, TargetCounts } from '@circuitboard/core/sync';

function row(name: string, c: TargetCounts): string {
  return `| ${name} | ${c.created} | ${c.updated} | ${c.skipped} | ${c.failed} |`;
}

/** One line for the `summary` output and the job log. */
export function summaryLine(report: Pick<SyncReport, 'result'>): string {
  const { github, discord } = report.result.counts;
  const part = (name: string, c: TargetCounts) => `${name} ${c.created} created, ${c.updated} updated`;
  return `${report.result.dryRun ? 'dry run: would do ' : ''}${part('GitHub', github)}; ${part('Discord', discord)}; ${github.failed + discord.failed} failed`;
}

/** The job summary: what happened per target, what failed and why, and the plan in words. */
export function renderSummary(report: SyncReport, options: { mode: string; discordMode?: string }): string {
  const { result } = report;
  const lines = [
    `## Circuitboard sync${result.dryRun ? ' (dry run — nothing was changed)' : ''}`,
    '',
    `Mode **${options.mode}** at \`${report.range.to.slice(0, 12)}\`: ${report.range.reason}.${options.discordMode ? ` Discord: ${options.discordMode}.` : ' Discord: not configured.'}`,
    '',
    `| target | ${result.dryRun ? 'would create' : 'created'} | ${result.dryRun ? 'would update' : 'updated'} | skipped | failed |`,
    '| --- | ---: | ---: | ---: | ---: |',
    row('GitHub', result.counts.github),
    row('Discord', result.counts.discord),
  ];
  const failed = result.items.filter((i) => i.outcome === 'failed');
  if (failed.length > 0) {
    lines.push('', '### Failed', '');
    for (const item of failed) lines.push(`- \`${item.id}\`: ${item.detail ?? 'failed'}`);
  }
  const swept = result.items.find((i) => i.id === 'github.milestone-sweep' && i.outcome === 'updated');
  if (swept?.detail) lines.push('', '### Milestones closed', '', `- ${swept.detail}`);
  if (result.warnings.length > 0) {
    lines.push('', '### Warnings', '');
    for (const w of result.warnings) lines.push(`- ${w}`);
  }
  const problems = report.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    lines.push('', `### ${problems.length} file problem(s) — these projects were left as they were`, '');
    for (const d of problems.slice(0, 50)) lines.push(`- \`${d.file}:${d.line}:${d.column}\` ${d.message}`);
  }
  lines.push(
    '',
    `<details><summary>Plan (${report.lines.length} line${report.lines.length === 1 ? '' : 's'})</summary>`,
    '',
  );
  for (const line of report.lines.slice(0, 500)) lines.push(`- ${line}`);
  if (report.lines.length > 500) lines.push(`- … and ${report.lines.length - 500} more`);
  lines.push('', '</details>', '');
  return lines.join('\n');
}
