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
 * Remembers widest-line's answers, for whole texts and line by line. Ink measures every
 * <Text> of every frame with it, and string-width segments a whole line into graphemes as
 * soon as it holds one character outside printable ASCII (the grid's │, the footers' ·):
 * about a fifth of a review frame went there, for lines that mostly did not change since
 * the last frame. A line not seen lately, made of SGR codes and characters that are each a
 * grapheme of their own (as the grids' lines are), is measured character by character
 * (a line's width is the sum of its graphemes'); any other line by string-width. Checked
 * against widest-line's own on random texts (test/ui/ink-output-patch.test.ts).
 */
const memoWidestLine = {
  name: 'memo-widest-line',
  setup(b) {
    b.onLoad({ filter: /[\\/]widest-line[\\/]index\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /export default function widestLine\(/;
      if (!pattern.test(source) || !/import stringWidth from 'string-width';/.test(source)) {
        return {
          errors: [
            {
              text: `widest-line changed shape in ${args.path}; update the memo-widest-line plugin in src/bundle-options.mjs`,
            },
          ],
        };
      }
      const contents = `${source.replace(pattern, 'function measuredWidestLine(')}
const widths = new Map();
export default function widestLine(string) {
  let width = widths.get(string);
  if (width === undefined) {
    width = 0;
    for (const line of string.split('\\n')) width = Math.max(width, lineWidth(line));
    if (widths.size >= 4096) widths.clear();
    widths.set(string, width);
  }
  return width;
}
const lineWidths = new Map();
function lineWidth(line) {
  let width = lineWidths.get(line);
  if (width === undefined) {
    width = simpleLineWidth(line) ?? stringWidth(line);
    if (lineWidths.size >= 4096) lineWidths.clear();
    lineWidths.set(line, width);
  }
  return width;
}
const SGR = /\\u001B\\[(?:\\d{1,3}(?:;\\d{1,3})*)?m/g;
const charWidths = new Map();
// The width of a line of SGR codes and characters that are graphemes of their own, or null.
function simpleLineWidth(line) {
  const text = line.includes('\\u001B') ? line.replace(SGR, '') : line;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) width++;
    else if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2070 && c <= 0x20cf) || (c >= 0x2100 && c <= 0x2bff)) {
      const ch = text[i];
      let w = charWidths.get(ch);
      if (w === undefined) {
        w = stringWidth(ch);
        charWidths.set(ch, w);
      }
      width += w;
    } else return null;
  }
  return width;
}
`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Bounds Ink's cache of measured texts (measure-text.js), which kept every text a <Text>
 * ever held: in a long review, every line of every moment seen.
 */
const boundedMeasureText = {
  name: 'bounded-measure-text',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]measure-text\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const pattern = /cache\.set\(text, dimensions\);/;
      if (!pattern.test(source)) {
        return {
          errors: [
            {
              text: `ink's measure-text.js changed shape in ${args.path}; update the bounded-measure-text plugin in src/bundle-options.mjs`,
            },
          ],
        };
      }
      return {
        contents: source.replace(pattern, 'if (cache.size >= 4096) cache.clear();\n    $&'),
        loader: 'js',
      };
    });
  },
};

/**
 * Keeps Ink's per-frame work from one frame to the next. Ink builds each frame in a new
 * Output: every cell of the screen is a new object, every line of every <Text> is
 * tokenized into styled characters put in those cells (an object and an array per
 * character, through a grapheme segmenter), and every row is turned back into a string,
 * although between two keypresses most rows do not change. Patched here: Output.get
 * first gathers, row by row, what is written on it (where, and the line after clipping
 * and transforming, in order); a row is a function of those writes and the width alone,
 * so a row written exactly as at that height of the last frame of that size reuses last
 * frame's string, and only the rows that changed are drawn and joined. A line is read
 * once into three compact arrays (each character's text, its styles shared with every
 * character styled alike, its width), in one pass when it is made of SGR codes and
 * characters that are graphemes of their own, else by ansi-tokenize as Ink does; the
 * lines of the last few thousand are kept (Ink's own cache kept every line it ever saw,
 * as thousands of small objects per screen, which made the garbage collector's young
 * collections slow). A row is joined back into a string without working out the style
 * change between cells that share their styles. The width caches live across frames
 * (emptied past a size). The patched Output is checked against Ink's own on random
 * sequences of frames (test/ui/ink-output-patch.test.ts).
 */
const inkOutputAcrossFrames = {
  name: 'ink-output-across-frames',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      let source = readFileSync(args.path, 'utf8');
      const patches = [
        [/caches = new OutputCaches\(\);/, 'caches = sharedOutputCaches();'],
        [/\n {4}get\(\) \{\n/, '\n    get() {\n        return getAcrossFrames(this);\n    }\n    inkGet() {\n'],
        // Ink's get() as it stands, checked so that getAcrossFrames is updated when it changes.
        [/for \(let \[index, line\] of lines\.entries\(\)\) \{\s*const currentLine = output\[y \+ offsetY\];/, '$&'],
        [
          /if \(!currentLine\) \{\s*continue;\s*\}\s*for \(const transformer of transformers\) \{\s*line = transformer\(line, index\);\s*\}\s*const characters = this\.caches\.getStyledChars\(line\);/,
          '$&',
        ],
        [/const characterWidth = Math\.max\(1, this\.caches\.getStringWidth\(character\.value\)\);/, '$&'],
        [
          /const lineWithoutEmptyItems = line\.filter\(item => item !== undefined\);\s*return styledCharsToString\(lineWithoutEmptyItems\)\.trimEnd\(\);/,
          '$&',
        ],
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
let shared;
function sharedOutputCaches() {
  if (!shared || shared.widths.size + shared.blockWidths.size > 20000) shared = new OutputCaches();
  return shared;
}
// A line tokenized as Ink does (styledCharsFromTokens(tokenize(line))), kept compact:
// each character's text, its styles (one shared array per distinct set of styles) and its
// width, in three arrays, not an object and an array per character. Lines of SGR codes
// and characters that are each a grapheme of their own (printable ASCII, and the
// symbols from U+2010 on that the screens draw) are read here in one pass, each code
// reduced by ansi-tokenize as Ink would; any other line goes through ansi-tokenize.
// Lines are kept for a while (two generations of up to LINES_KEPT each), so a line seen
// a few keys ago is not read again.
const LINES_KEPT = 2000;
let linesNow = new Map();
let linesBefore = new Map();
function lineOf(line, caches) {
  let hit = linesNow.get(line);
  if (hit === undefined) {
    hit = linesBefore.get(line);
    if (hit === undefined) hit = readLine(line, caches) ?? tokenizedLine(line, caches);
    if (linesNow.size >= LINES_KEPT) {
      linesBefore = linesNow;
      linesNow = new Map();
    }
    linesNow.set(line, hit);
  }
  return hit;
}
// Styles by what they hold, so that characters styled alike share one array.
const stylesByKey = new Map();
function sharedStyles(codes) {
  let key = '';
  for (const c of codes) key += c.code + '\u0000' + c.endCode + '\u0001';
  let hit = stylesByKey.get(key);
  if (hit === undefined) {
    if (stylesByKey.size >= 1000) stylesByKey.clear();
    hit = codes.slice();
    stylesByKey.set(key, hit);
  }
  return hit;
}
const NO_STYLES = sharedStyles([]);
// The styles after an SGR sequence, from the styles before it: as styledCharsFromTokens reduces its tokens.
const afterSequence = new WeakMap();
function stylesAfter(styles, sequence) {
  let next = afterSequence.get(styles);
  if (next === undefined) {
    next = new Map();
    afterSequence.set(styles, next);
  }
  let hit = next.get(sequence);
  if (hit === undefined) {
    let codes = styles;
    for (const token of tokenize(sequence)) codes = reduceAnsiCodesIncremental(codes, [token]);
    hit = sharedStyles(codes);
    next.set(sequence, hit);
  }
  return hit;
}
function tokenizedLine(line, caches) {
  const chars = styledCharsFromTokens(tokenize(line));
  return {
    values: chars.map((c) => c.value),
    styles: chars.map((c) => sharedStyles(c.styles)),
    widths: chars.map((c) => Math.max(1, caches.getStringWidth(c.value))),
  };
}
// Characters that are each a grapheme of their own whatever is around them (no combining
// marks, joiners, variation selectors, surrogates or controls).
function ownGrapheme(c) {
  return (c >= 0x20 && c <= 0x7e) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || (c >= 0x2070 && c <= 0x20cf) || (c >= 0x2100 && c <= 0x2bff);
}
// The line read in one pass, or null when it holds anything else (then ansi-tokenize reads it).
function readLine(line, caches) {
  const values = [];
  const styles = [];
  const widths = [];
  let current = NO_STYLES;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      if (line.charCodeAt(i + 1) !== 0x5b) return null;
      let end = i + 2;
      for (; end < line.length; end++) {
        const d = line.charCodeAt(end);
        if (!((d >= 0x30 && d <= 0x39) || d === 0x3b)) break;
      }
      if (line.charCodeAt(end) !== 0x6d) return null;
      current = stylesAfter(current, line.slice(i, end + 1));
      i = end;
      continue;
    }
    if (!ownGrapheme(c)) return null;
    const value = line[i];
    values.push(value);
    styles.push(current);
    widths.push(c <= 0x7e ? 1 : Math.max(1, caches.getStringWidth(value)));
  }
  return { values, styles, widths };
}
// The last frame of each size: what was written on each row, and the row's string.
const lastFrames = new Map();
// Ink's get(), row by row: the same clipping and transforming, the same cells for a row that changed.
function getAcrossFrames(output) {
  const { width, height, caches } = output;
  const writes = [];
  for (let y = 0; y < height; y++) writes.push([]);
  const clips = [];
  for (const operation of output.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\\n');
    const clip = clips.at(-1);
    if (clip) {
      const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
      const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
      if (clipHorizontally) {
        const width = caches.getWidestLine(text);
        if (x + width < clip.x1 || x > clip.x2) continue;
      }
      if (clipVertically) {
        const height = lines.length;
        if (y + height < clip.y1 || y > clip.y2) continue;
      }
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1 ? clip.x1 - x : 0;
          const width = caches.getStringWidth(line);
          const to = x + width > clip.x2 ? clip.x2 - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < clip.x1) x = clip.x1;
      }
      if (clipVertically) {
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const height = lines.length;
        const to = y + height > clip.y2 ? clip.y2 - y : height;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
    }
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      let line = lines[index];
      // As in Ink: a line off the frame is skipped, and so (offsetY staying put) are the ones after it.
      const row = writes[y + offsetY];
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      row.push(x, line);
      offsetY++;
    }
  }
  const size = width + 'x' + height;
  let last = lastFrames.get(size);
  if (last === undefined) {
    if (lastFrames.size >= 4) lastFrames.clear();
    last = { writes: [], texts: [] };
    lastFrames.set(size, last);
  }
  const texts = [];
  for (let y = 0; y < height; y++) {
    const before = last.writes[y];
    texts.push(before !== undefined && sameWrites(before, writes[y]) ? last.texts[y] : rowOf(writes[y], width, caches));
  }
  last.writes = writes;
  last.texts = texts;
  return { output: texts.join('\\n'), height };
}
function sameWrites(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
// One row drawn into cells as Ink draws it (each cell's text and styles, in two arrays),
// and joined back into a string as styledCharsToString does, skipping the style change
// between cells that share their styles (diffAnsiCodes of an array with itself is empty).
function rowOf(writes, width, caches) {
  const values = [];
  const styles = [];
  for (let x = 0; x < width; x++) {
    values.push(' ');
    styles.push(NO_STYLES);
  }
  for (let k = 0; k < writes.length; k += 2) {
    let offsetX = writes[k];
    const line = lineOf(writes[k + 1], caches);
    for (let i = 0; i < line.values.length; i++) {
      values[offsetX] = line.values[i];
      styles[offsetX] = line.styles[i];
      const characterWidth = line.widths[i];
      for (let j = 1; j < characterWidth; j++) {
        values[offsetX + j] = '';
        styles[offsetX + j] = line.styles[i];
      }
      offsetX += characterWidth;
    }
  }
  let out = '';
  let before = null;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // As Ink: a cell never written (past the width) is left out.
    if (value === undefined) continue;
    const now = styles[i];
    if (before === null) out += ansiCodesToStringAcrossFrames(now);
    else if (now !== before) out += ansiCodesToStringAcrossFrames(diffAnsiCodesAcrossFrames(before, now));
    out += value;
    before = now;
  }
  if (before !== null && before.length > 0) out += ansiCodesToStringAcrossFrames(diffAnsiCodesAcrossFrames(before, []));
  return out.trimEnd();
}
import { ansiCodesToString as ansiCodesToStringAcrossFrames, diffAnsiCodes as diffAnsiCodesAcrossFrames, reduceAnsiCodesIncremental } from '@alcalzone/ansi-tokenize';
`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Node's built-in modules taken with the banner's `require`, not imported as ESM. An ESM
 * import of a built-in makes Node build a facade of every one of its exports at load,
 * which reads each lazy getter (`fs` alone then loads its streams); and every `import` at
 * the top of one ESM bundle is loaded at start, even for a screen the command never shows.
 * As CommonJS, each is required where the module that needs it starts, and its exports
 * are read only when used.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'require-call'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'cubbies-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'cubbies-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** The patches, in the order the build applies them. */
export const bundlePlugins = [
  noDevtools,
  inkNeverDev,
  memoWidestLine,
  boundedMeasureText,
  inkOutputAcrossFrames,
  builtinsByRequire,
];

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
