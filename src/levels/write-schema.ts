// levels/schema.json, generated from the same TypeBox schema the validator uses,
// so editors complete and check custom levels. Run: npm run schema
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LevelSchema } from '../engine/index.js';

export const SCHEMA_ID = 'urn:cubbies:level';

/** The level format as a plain JSON Schema (draft 2020-12) object. */
export function levelJsonSchema(): Record<string, unknown> {
  // JSON round trip: TypeBox's schemas are plain JSON Schema objects; this drops anything that is not JSON.
  const { title, ...rest } = JSON.parse(JSON.stringify(LevelSchema)) as Record<string, unknown>;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: title ?? 'Cubbies level',
    description:
      'A Cubbies level: a memory size and a small program of values that arrive, are read and go out of scope. ' +
      'Ticks, ids, reachability and sizes are checked by `cubbies validate`, which this schema cannot express.',
    ...rest,
  };
}

/** The file's text: 2-space JSON and a final newline. */
export function levelJsonSchemaText(): string {
  return `${JSON.stringify(levelJsonSchema(), null, 2)}\n`;
}

/** Where the schema lives in the repository: levels/schema.json. */
export function schemaFile(): string {
  return fileURLToPath(new URL('../../levels/schema.json', import.meta.url));
}

// Only when run directly (tsx src/engine/write-schema.ts), never when bundled or imported.
const entry = process.argv[1];
if (entry && /write-schema\.[cm]?[jt]s$/.test(basename(entry)) && resolve(entry) === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile(), levelJsonSchemaText());
  console.log(`wrote ${schemaFile()}`);
}
