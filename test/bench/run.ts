// `npm run bench`: every benchmark module in this folder, one after another, printing figures.
// Figures, not pass/fail: a slow day must not fail a build.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  console.log(`\n== ${file} ==`);
  await import(pathToFileURL(join(here, file)).href);
}
