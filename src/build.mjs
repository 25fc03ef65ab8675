#!/usr/bin/env node
// Production bundle: src/cli/main.ts -> dist/cubbies.js, one self-contained ESM file.
//
// Everything (ink, react, commander, ...) is bundled, so the published package has no
// runtime dependencies. Run with `node src/build.mjs` (npm run build, prepare, bench);
// `--quiet` prints nothing, `--analyze` lists what takes the room in the bundle.
//
// Ink quirks handled here:
// - ink/build/reconciler.js does `await import('./devtools.js')` when DEV=true, and
//   devtools.js imports the optional peer `react-devtools-core`. Marked external, esbuild
//   hoists that import to the top of the ESM bundle, so the bundle crashes at load with
//   ERR_MODULE_NOT_FOUND even without DEV (checked); left alone, the build fails to
//   resolve it. We replace ink's devtools.js and react-devtools-core with empty modules,
//   and compile Ink's isDev() to false (with DEV=true Ink also reads ../package.json
//   next to the bundle at load): DEV=true does nothing in the shipped binary.
// - jsonc-parser is bundled from its ESM build (see `alias` below).
// - widest-line's answers are remembered (memo-widest-line below): Ink asks it the same
//   questions every frame.
// - yoga-layout and ink use top-level await, so the output must be ESM.
// - react, react-reconciler and scheduler are CommonJS and pick their build from
//   process.env.NODE_ENV, which we define as "production" (smaller, faster, no dev
//   warnings). CommonJS code that calls require() for Node built-ins needs a real
//   `require` in an ESM bundle: the banner provides one via createRequire.
import { analyzeMetafile, build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'cubbies.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Replaces Ink's dev-only devtools hook and react-devtools-core with empty modules. */
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, (args) => ({ path: args.path, namespace: 'cubbies-empty' }));
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      /[\\/]ink[\\/]/.test(args.importer) ? { path: 'ink-devtools', namespace: 'cubbies-empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cubbies-empty' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};

/**
 * Makes Ink's isDev() always false in the bundle. With DEV=true in the environment
 * (common on developers' machines) Ink would otherwise load the devtools and read
 * `../package.json` relative to the bundle at load time.
 */
const inkNeverDev = {
  name: 'ink-never-dev',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]utils\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /process\.env\[['"]DEV['"]\]\s*===\s*['"]true['"]/;
      if (!pattern.test(source)) {
        return {
          errors: [
            { text: `ink's isDev() changed shape in ${args.path}; update the ink-never-dev plugin in src/build.mjs` },
          ],
        };
      }
      return { contents: source.replace(pattern, 'false'), loader: 'js' };
    });
  },
};

/**
 * Remembers widest-line's answers. Ink measures every <Text> of every frame with it, and
 * string-width segments a whole line into graphemes as soon as it holds one character
 * outside printable ASCII (the grid's │, the footers' ·): about a fifth of a review
 * frame went there, for lines that mostly did not change since the last frame.
 */
const memoWidestLine = {
  name: 'memo-widest-line',
  setup(b) {
    b.onLoad({ filter: /[\\/]widest-line[\\/]index\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /export default function widestLine\(/;
      if (!pattern.test(source)) {
        return {
          errors: [
            { text: `widest-line changed shape in ${args.path}; update the memo-widest-line plugin in src/build.mjs` },
          ],
        };
      }
      const contents = `${source.replace(pattern, 'function measuredWidestLine(')}
const widths = new Map();
export default function widestLine(string) {
  let width = widths.get(string);
  if (width === undefined) {
    width = measuredWidestLine(string);
    if (widths.size >= 4096) widths.clear();
    widths.set(string, width);
  }
  return width;
}
`;
      return { contents, loader: 'js' };
    });
  },
};

const started = performance.now();
let result;
try {
  result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    metafile: true,
    write: false, // written below, atomically
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': '"production"',
      __CUBBIES_VERSION__: JSON.stringify(pkg.version),
    },
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __cubbiesCreateRequire } from 'node:module';",
        'const require = __cubbiesCreateRequire(import.meta.url);',
        // Bundled CommonJS code (write-file-atomic) reads __filename, which ESM lacks.
        "import { fileURLToPath as __cubbiesFileURLToPath } from 'node:url';",
        'const __filename = __cubbiesFileURLToPath(import.meta.url);',
      ].join('\n'),
    },
    // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow;
    // its "module" build is plain ESM.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    plugins: [noDevtools, inkNeverDev, memoWidestLine],
  });
} catch {
  // esbuild has already printed each error with its file and line.
  console.error('The build failed; dist/cubbies.js was not updated.');
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
}
