// Size limits of every place a rendering goes. Renderers check against these; tests prove they hold.

/** GitHub: an issue or comment body is at most 65,536 characters. */
export const GITHUB_BODY_MAX_CHARS = 65_536;
/** GitHub Actions: a step's job summary is at most 1 MiB. */
export const JOB_SUMMARY_MAX_BYTES = 1_048_576;

// Discord's limits live in @circuitboard/discord (DISCORD_LIMITS); the digest is fitted there.

/** X counts characters with weights (most non-Latin scripts and emoji count 2; every link counts 23). */
export const X_POST_MAX_WEIGHT = 280;
export const X_URL_WEIGHT = 23;
/** Bluesky counts graphemes. */
export const BLUESKY_POST_MAX_GRAPHEMES = 300;
