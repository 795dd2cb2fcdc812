// Lists cut to fit a place: at most so many lines and characters, ending with "… and N more" for what was left out.

export interface FitListOptions {
  maxLines: number;
  maxChars: number;
  /** The closing line for `hidden` entries left out, e.g. "… and 3 more roles". */
  more: (hidden: number) => string;
}

/**
 * The first lines that fit, joined by newlines, then `more(n)` for the n left out. Fewer lines are shown until the
 * closing line fits too; each line is expected to be shorter than `maxChars` on its own.
 */
export function fitList(lines: readonly string[], options: FitListOptions): string {
  for (let shown = Math.min(lines.length, options.maxLines); shown >= 0; shown--) {
    const hidden = lines.length - shown;
    const kept = lines.slice(0, shown);
    if (hidden > 0) kept.push(options.more(hidden));
    const text = kept.join('\n');
    if (text.length <= options.maxChars) return text;
  }
  return options.more(lines.length).slice(0, options.maxChars);
}
