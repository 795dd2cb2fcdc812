// Writes schemas/*.json from the zod schemas. Run from packages/core: node scripts/write-schemas.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../src/json-schema.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const file of schemaFiles()) {
  writeFileSync(path.join(packageDir, file.path), file.content);
  console.log(`wrote packages/core/${file.path}`);
}
