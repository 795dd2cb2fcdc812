// Trend charts as SVG strings: d3 scales and shapes as pure functions, no DOM. Colours come from the page's CSS
// (classes), so light, dark and print themes apply; sizes come from the viewBox, so charts scale on a phone.
import { scaleBand, scaleLinear } from 'd3-scale';
import { area, curveMonotoneX, line } from 'd3-shape';
import { escapeHtml } from '../escape.ts';

export interface ChartInput {
  /** Unique on the page; used for the ids of <title> and <desc>. */
  id: string;
  title: string;
  description: string;
  /** One label per value, oldest first (e.g. 2026-W36). */
  labels: string[];
  values: number[];
  kind: 'bars' | 'line';
}

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 200;
const MARGIN = { top: 22, right: 12, bottom: 30, left: 34 };

/** Two decimals, no trailing zeros, never "-0": stable bytes whatever the platform. */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** Short x-axis label: `W36` for an ISO week, the day otherwise. */
function shortLabel(label: string): string {
  const week = /^\d{4}-W(\d{2})$/.exec(label);
  if (week) return `W${Number(week[1])}`;
  return label.slice(5, 10);
}

function niceMax(values: number[]): number {
  const max = Math.max(1, ...values);
  return scaleLinear().domain([0, max]).nice(4).domain()[1] as number;
}

/** One chart as a self-contained <svg> element with an accessible title and description. */
export function renderChart(input: ChartInput): string {
  const { id, values, labels } = input;
  const width = CHART_WIDTH;
  const height = CHART_HEIGHT;
  const innerBottom = height - MARGIN.bottom;
  const y = scaleLinear()
    .domain([0, niceMax(values)])
    .range([innerBottom, MARGIN.top]);
  const x = scaleBand<number>()
    .domain(values.map((_, i) => i))
    .range([MARGIN.left, width - MARGIN.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const parts: string[] = [];
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const total = values.reduce((a, b) => a + b, 0);
  const summary = values.length > 0 ? ` Latest: ${values.at(-1)}; total over ${values.length} periods: ${total}.` : '';
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${input.kind}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(input.title)}</title>`,
    `<desc id="${escapeHtml(descId)}">${escapeHtml(input.description + summary)}</desc>`,
  );
  // Grid lines and y-axis labels.
  for (const tick of y.ticks(4)) {
    if (!Number.isInteger(tick)) continue;
    const ty = n(y(tick));
    parts.push(`<line class="grid" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${ty}" y2="${ty}"/>`);
    parts.push(
      `<text class="axis" x="${MARGIN.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle">${tick}</text>`,
    );
  }
  const bandwidth = x.bandwidth();
  const centre = (i: number) => (x(i) ?? 0) + bandwidth / 2;
  if (input.kind === 'bars') {
    values.forEach((value, i) => {
      const top = y(value);
      const h = Math.max(0, innerBottom - top);
      parts.push(
        `<rect class="bar${i === values.length - 1 ? ' current' : ''}" x="${n(x(i) ?? 0)}" y="${n(top)}" width="${n(bandwidth)}" height="${n(h)}"><title>${escapeHtml(`${labels[i] ?? ''}: ${value}`)}</title></rect>`,
      );
    });
  } else if (values.length > 0) {
    const points = values.map((value, i) => [centre(i), y(value)] as [number, number]);
    const areaPath = area<[number, number]>()
      .x((p) => p[0])
      .y0(innerBottom)
      .y1((p) => p[1])
      .curve(curveMonotoneX)
      .digits(2)(points);
    const linePath = line<[number, number]>()
      .x((p) => p[0])
      .y((p) => p[1])
      .curve(curveMonotoneX)
      .digits(2)(points);
    parts.push(`<path class="area" d="${areaPath ?? ''}"/>`, `<path class="line" d="${linePath ?? ''}"/>`);
    points.forEach(([px, py], i) => {
      parts.push(
        `<circle class="dot${i === points.length - 1 ? ' current' : ''}" cx="${n(px)}" cy="${n(py)}" r="3.5"><title>${escapeHtml(`${labels[i] ?? ''}: ${values[i]}`)}</title></circle>`,
      );
    });
  }
  // The latest value, written above its bar or point.
  if (values.length > 0) {
    const last = values.length - 1;
    parts.push(
      `<text class="value" x="${n(centre(last))}" y="${n(y(values[last] as number) - 7)}" text-anchor="middle">${values[last]}</text>`,
    );
  }
  parts.push(
    `<line class="baseline" x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${innerBottom}" y2="${innerBottom}"/>`,
  );
  // X labels: every other one when there are many, always the last.
  const step = labels.length > 8 ? 2 : 1;
  labels.forEach((label, i) => {
    if ((labels.length - 1 - i) % step !== 0) return;
    parts.push(
      `<text class="axis" x="${n(centre(i))}" y="${height - MARGIN.bottom + 18}" text-anchor="middle">${escapeHtml(shortLabel(label))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A one-line text chart for Markdown and Discord: ▁▂▃▅▇. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return SPARKS[0]?.repeat(values.length) ?? '';
  return values.map((v) => SPARKS[Math.min(SPARKS.length - 1, Math.round((v / max) * (SPARKS.length - 1)))]).join('');
}
