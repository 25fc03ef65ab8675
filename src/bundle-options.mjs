// The esbuild settings of the shipped bundle, shared by the build (src/build.mjs) and the
// benches that time the screens (test/bench/support/bundled.ts), so a bench times the Ink
// the player runs, with the same patches, not the one in node_modules.
//
// Ink quirks handled here:
// - ink/build/reconciler.js does `await import('./devtools.js')` when DEV=true, and
//   devtools.js imports the optional peer `react-devtools-core`. Marked external, esbuild
//   hoists that import to the top of the ESM bundle, so the bundle crashes at load with
//   ERR_MODULE_NOT_FOUND even without DEV (checked); left alone, the build fails to
//   resolve it. We replace ink's devtools.js and react-devtools-core with empty modules,
//   and compile Ink's isDev() to false (with DEV=true Ink also reads ../package.json
//   next to the bundle at load).
// - react, react-reconciler and scheduler are CommonJS and pick their build from
//   process.env.NODE_ENV, which we define as "production" (smaller, faster, no dev
//   warnings). CommonJS code that calls require() for Node built-ins needs a real
//   `require` in an ESM bundle: the banner provides one via createRequire.
import { readFileSync } from 'node:fs';

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

/**
 * Keeps Ink's per-frame work from one frame to the next. Ink builds each frame in a new
 * Output: every line of every <Text> is tokenized into styled characters, every cell of
 * the screen is a new object, and every row is turned back into a string, although
 * between two keypresses most lines do not change. Patched here: the tokenizing and width
 * caches live across frames (emptied past a size), blank cells are one shared object (no
 * one changes a cell, they are replaced), a row made of the very same cells as last
 * frame's row at that height reuses last frame's string, and a row is joined back into
 * a string without working out the style change between characters styled alike (three
 * Sets per character). About half of a review frame went to these. The patched Output is
 * checked against Ink's own on random frames (test/ui/ink-output-patch.test.ts).
 */
const inkOutputAcrossFrames = {
  name: 'ink-output-across-frames',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      let source = readFileSync(args.path, 'utf8');
      const patches = [
        [/caches = new OutputCaches\(\);/, 'caches = sharedOutputCaches();'],
        [
          /cached = styledCharsFromTokens\(tokenize\(line\)\);/,
          'cached = shareStyles(styledCharsFromTokens(tokenize(line)));',
        ],
        [
          /row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/,
          'row.push(BLANK_CELL);',
        ],
        [
          /return styledCharsToString\(lineWithoutEmptyItems\)\.trimEnd\(\);/,
          'return rowText(lineWithoutEmptyItems, y);',
        ],
        [/\.map\(line => \{(\s*\/\/ See https:\/\/github\.com\/vadimdemedes\/ink\/pull\/564)/, '.map((line, y) => {$1'],
      ];
      for (const [pattern, replacement] of patches) {
        if (!pattern.test(source)) {
          return {
            errors: [
              {
                text: `ink's output.js changed shape in ${args.path} (${pattern}); update the ink-output-across-frames plugin in src/bundle-options.mjs`,
              },
            ],
          };
        }
        source = source.replace(pattern, replacement);
      }
      const contents = `${source}
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let shared;
function sharedOutputCaches() {
  if (!shared || shared.styledChars.size + shared.widths.size + shared.blockWidths.size > 20000) {
    shared = new OutputCaches();
    lastRows = [];
  }
  return shared;
}
let lastRows = [];
function rowText(cells, y) {
  const last = lastRows[y];
  if (last && last.cells.length === cells.length) {
    let same = true;
    for (let i = 0; i < cells.length; i++) {
      if (last.cells[i] !== cells[i]) {
        same = false;
        break;
      }
    }
    if (same) return last.text;
  }
  const text = joinCells(cells).trimEnd();
  lastRows[y] = { cells, text };
  return text;
}
// Neighbouring characters styled alike share one styles array, so joining them back
// into a string can skip the style change between them (diffAnsiCodes of an array with
// itself is always empty) instead of working it out character by character.
function shareStyles(chars) {
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1].styles;
    const b = chars[i].styles;
    if (a.length === b.length && a.every((code, k) => code.code === b[k].code && code.endCode === b[k].endCode)) {
      chars[i].styles = a;
    }
  }
  return chars;
}
// styledCharsToString, skipping the style change between characters that share styles.
function joinCells(chars) {
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (i === 0) out += ansiCodesToStringAcrossFrames(char.styles);
    else if (char.styles !== chars[i - 1].styles) {
      out += ansiCodesToStringAcrossFrames(diffAnsiCodesAcrossFrames(chars[i - 1].styles, char.styles));
    }
    out += char.value;
    if (i === chars.length - 1 && char.styles.length > 0) {
      out += ansiCodesToStringAcrossFrames(diffAnsiCodesAcrossFrames(char.styles, []));
    }
  }
  return out;
}
import { ansiCodesToString as ansiCodesToStringAcrossFrames, diffAnsiCodes as diffAnsiCodesAcrossFrames } from '@alcalzone/ansi-tokenize';
`;
      return { contents, loader: 'js' };
    });
  },
};

/** The patches, in the order the build applies them. */
export const bundlePlugins = [noDevtools, inkNeverDev, memoWidestLine, inkOutputAcrossFrames];

/** What every bundle of the game shares: one ESM file for Node 20, production React. */
export const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: {
    js: [
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
  plugins: bundlePlugins,
};
