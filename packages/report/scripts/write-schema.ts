// Writes schemas/report.schema.json from REPORT_JSON_SCHEMA. Run: node packages/report/scripts/write-schema.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPORT_JSON_SCHEMA } from '../src/model.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../schemas/report.schema.json', import.meta.url));
export const schemaText = (): string => `${JSON.stringify(REPORT_JSON_SCHEMA, null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
