// Size limits of every place a rendering goes. Renderers check against these; tests prove they hold.

/** GitHub: an issue or comment body is at most 65,536 characters. */
export const GITHUB_BODY_MAX_CHARS = 65_536;
/** GitHub Actions: a step's job summary is at most 1 MiB. */
export const JOB_SUMMARY_MAX_BYTES = 1_048_576;

/** Discord message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_CONTENT_MAX = 2000;
export const DISCORD_EMBEDS_MAX = 10;
export const DISCORD_EMBED_TITLE_MAX = 256;
export const DISCORD_EMBED_DESCRIPTION_MAX = 4096;
export const DISCORD_EMBED_FIELDS_MAX = 25;
export const DISCORD_FIELD_NAME_MAX = 256;
export const DISCORD_FIELD_VALUE_MAX = 1024;
export const DISCORD_FOOTER_TEXT_MAX = 2048;
export const DISCORD_AUTHOR_NAME_MAX = 256;
/** The sum of every title, description, field name and value, footer text and author name in a message. */
export const DISCORD_EMBEDS_TOTAL_MAX = 6000;

/** X counts characters with weights (most non-Latin scripts and emoji count 2; every link counts 23). */
export const X_POST_MAX_WEIGHT = 280;
export const X_URL_WEIGHT = 23;
/** Bluesky counts graphemes. */
export const BLUESKY_POST_MAX_GRAPHEMES = 300;
