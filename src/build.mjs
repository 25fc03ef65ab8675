#!/usr/bin/env node
// Production bundle: src/cli/main.ts -> dist/cubbies.js, one self-contained ESM file.
//
// Everything (ink, react, commander, ...) is bundled, so the published package has no
// runtime dependencies. Run with `node src/build.mjs` (npm run build, prepare, bench);
// `--quiet` prints nothing, `--analyze` lists what takes the room in the bundle.
//
// The settings and Ink patches live in src/bundle-options.mjs, shared with the screen
// benches so that they time what ships. In short:
// - Ink's dev-only devtools and react-devtools-core are replaced with empty modules, and
//   Ink's isDev() is compiled to false: DEV=true does nothing in the shipped binary.
// - widest-line's answers are remembered, and Ink's per-frame caches live across frames.
// - jsonc-parser is bundled from its ESM build.
// - yoga-layout and ink use top-level await, so the output must be ESM.
// - react, react-reconciler and scheduler pick their build from process.env.NODE_ENV,
//   defined as "production"; CommonJS code that calls require() for Node built-ins gets
//   a real `require` from the banner.
// - Our own imports of Node built-ins go through that `require` too: an ESM import of one
//   makes Node read every export at load, and every import sits at the bundle's top.
//
// The screens (play, watch, review, the title screen) are a part of the file of their own,
// loaded only when one of those commands runs: see src/bundle-screens.mjs.
import { analyzeMetafile, build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';
import { buildScreens, screenPackagesIn, screensApart } from './bundle-screens.mjs';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'cubbies.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const define = { ...bundleOptions.define, __CUBBIES_VERSION__: JSON.stringify(pkg.version) };
const started = performance.now();
let result;
let screens;
try {
  screens = await buildScreens(root, define);
  result = await build({
    ...bundleOptions,
    plugins: [...bundleOptions.plugins, screensApart(root, screens)],
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile,
    minify: true,
    metafile: true,
    write: false, // written below, atomically
    define,
    banner: { js: `#!/usr/bin/env node\n${bundleOptions.banner.js}` },
  });
} catch {
  // esbuild has already printed each error with its file and line.
  console.error('The build failed; dist/cubbies.js was not updated.');
  process.exit(1);
}
// A static import of a screen's module anywhere but the command line's table would bring
// Ink back into the code every command parses; say so rather than ship it.
const leaked = screenPackagesIn(result.metafile);
if (leaked.length > 0) {
  console.error(
    `Ink, React or yoga reached the bundle's own code (${leaked[0]}, and ${leaked.length - 1} more files): only src/cli/screens.ts may bring them in; dist/cubbies.js was not updated.`,
  );
  process.exit(1);
}
// Write to a temp file and rename it into place, so a test or a shell that runs the
// binary while another build is under way never sees a half-written file.
const [output] = result.outputFiles;
const temp = `${outfile}.${process.pid}.tmp`;
try {
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(temp, output.contents);
  chmodSync(temp, 0o755);
  renameSync(temp, outfile);
} catch (error) {
  rmSync(temp, { force: true });
  console.error(`Could not write dist/cubbies.js: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

if (!process.argv.includes('--quiet')) {
  const bytes = statSync(outfile).size;
  const ms = Math.round(performance.now() - started);
  const warnings = result.warnings.length ? `, ${result.warnings.length} warning(s)` : '';
  console.log(`Built dist/cubbies.js (${(bytes / 1024).toFixed(0)} KiB) in ${ms} ms${warnings}.`);
}
// `node src/build.mjs --analyze`: what takes the room in the bundle, biggest first.
if (process.argv.includes('--analyze')) {
  console.log(await analyzeMetafile(result.metafile, { verbose: false }));
  console.log("The screens' part (kept in the bundle as base64):");
  console.log(await analyzeMetafile(screens.metafile, { verbose: false }));
}
