// Publishing where people read. Each channel is a pure renderer (src/<channel>/render*.ts) from the same
// models the report uses, plus a thin delivery with its own limits module and a ledger entry:
//   src/wiki/     MediaWiki pages (Action API), only the text between the circuitboard markers
//   src/bluesky/  posts with rich-text facets, each exactly once
//   src/site/     the static site for GitHub Pages
//   src/feed/     feed.xml (Atom)
export {};
