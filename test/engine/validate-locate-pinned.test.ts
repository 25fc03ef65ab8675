// Pins where a level author is told a problem is (a level that starts after blank lines),
// which JSON syntax errors are said once and which are still said after a first mistake,
// that a prototype key hides only the problems under it, the plain sentence when no schema
// error can be named, and that TypeBox's global error limit is put back after a check.
import { readFileSync } from 'node:fs';
import { Settings } from 'typebox/system';
import { describe, expect, it } from 'vitest';
import { validateLevel, validateLevelText, type Problem } from '../../src/engine/level/validate.js';

const EXAMPLE = readFileSync(new URL('./fixtures/validate-hello-pointers.json', import.meta.url), 'utf8');

/** Every problem of a text: line, column, path and sentence. */
function problems(text: string): Problem[] {
  const r = validateLevelText(text);
  if (r.ok) throw new Error('expected the level to be invalid');
  return r.problems;
}

/** The example level's text with each `[from, to]` replaced once (each `from` must be there). */
function exampleWith(...edits: [string, string][]): string {
  let text = EXAMPLE;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

const PROTOTYPE_KEY = (name: string): string =>
  `\`${name}\` is not allowed as a key: it is a JavaScript prototype name, which untrusted files must not use; remove it.`;
const COLON_MISSING = 'A colon (:) is missing after the key.';

describe('where a problem with the whole level is pointed at', () => {
  it('a level that is a list after blank lines and spaces is pointed at where the list starts', () => {
    // Not line 1, column 1: the level's value starts at line 3, column 3.
    expect(problems('\n\n  [1]')).toEqual([
      { path: '', line: 3, column: 3, message: 'A level must be an object ({ ... }), not a list.' },
    ]);
  });
});

describe('a syntax mistake is said once, and the next real mistake is still said', () => {
  it('a file cut short inside a list says only that the ] is missing, not also the }', () => {
    // Both brackets are missing at the same place, the end of the file: one sentence.
    expect(problems('{\n  "id": "x",\n  "hints": ["a"')).toEqual([
      { path: '', line: 3, column: 16, message: 'The file ends before the closing ] of a list.' },
    ]);
  });

  it('a number with a leading zero and a missing colon further along the same line are both said, once each', () => {
    // The parser's echoes right after the 0 are left out; the colon missing after "ticks" is not an echo.
    expect(problems('{ "memory": 032, "ticks" 12 }')).toEqual([
      {
        path: '',
        line: 1,
        column: 14,
        message: 'A number cannot start with 0 followed by more digits (write 32, not 032).',
      },
      { path: '', line: 1, column: 26, message: COLON_MISSING },
    ]);
  });

  it('a bad escape and a missing colon further along the same line are both said', () => {
    expect(problems('{"a": "\\q", "b" 2}')).toEqual([
      {
        path: '',
        line: 1,
        column: 7,
        message: 'The escape \\q is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX).',
      },
      { path: '', line: 1, column: 17, message: COLON_MISSING },
    ]);
  });

  it('after an unexpected character, a missing colon on the next line is still said', () => {
    expect(problems('{\n  "memory": @,\n  "ticks" 12\n}')).toEqual([
      { path: '', line: 2, column: 13, message: 'Unexpected character "@".' },
      { path: '', line: 3, column: 11, message: COLON_MISSING },
    ]);
  });

  it('after a string left open, the next line is not blamed, but a missing colon two lines down is said', () => {
    expect(problems('{\n  "title": "Hello,\n  "id": "x",\n  "memory" 32\n}')).toEqual([
      {
        path: '',
        line: 2,
        column: 12,
        message: 'A string is never closed: its closing double quote (") is missing before the end of the line.',
      },
      { path: '', line: 4, column: 12, message: COLON_MISSING },
    ]);
  });
});

describe('a prototype key hides only the problems under it', () => {
  it('a constructor key at the top does not hide a wrong title next to it', () => {
    const text = exampleWith(['"title": "Hello, pointers"', '"constructor": 1,\n  "title": 5']);
    expect(problems(text)).toEqual([
      { path: 'constructor', line: 4, column: 3, message: PROTOTYPE_KEY('constructor') },
      { path: 'title', line: 5, column: 12, message: 'must be a string (text in double quotes), not 5.' },
    ]);
  });

  it('a __proto__ key in values[1] does not hide a problem in values[0] with a path as long', () => {
    // values[0].arrive shares its first segment with values[1].__proto__, but not all of them.
    const text = exampleWith(['"arrive": 0,', '"arrive": -1,'], ['"arrive": 1,', '"arrive": 1, "__proto__": {},']);
    expect(problems(text)).toEqual([
      { path: 'values[0].arrive', line: 11, column: 50, message: 'must be at least 0, not -1.' },
      { path: 'values[1].__proto__', line: 12, column: 60, message: PROTOTYPE_KEY('__proto__') },
    ]);
  });
});

describe('a level the schema refuses without naming an error', () => {
  it('is still refused, with one plain sentence', () => {
    // Only a value that changes between TypeBox's check and its list of errors gets here: the
    // title is a number while the check runs, and text by the time the errors are listed.
    const level = JSON.parse(EXAMPLE);
    Object.defineProperty(level, 'title', {
      enumerable: true,
      get: () => (Settings.Get().maxErrors >= 1000 ? 'Hello, pointers' : 5),
    });
    expect(validateLevel(level)).toEqual({
      ok: false,
      problems: [{ path: '', message: 'This is not a valid level.' }],
    });
  });
});

describe("TypeBox's global error limit", () => {
  it('is put back as it was after a level with structural errors is checked', () => {
    const before = Settings.Get().maxErrors;
    try {
      Settings.Set({ maxErrors: 3 });
      // Every problem is found whatever the limit outside, and the limit is 3 again afterwards.
      expect(validateLevel({ id: 5 })).toEqual({
        ok: false,
        problems: [
          {
            path: '',
            message:
              '`title`, `memory`, `ticks` and `values` are missing (a level needs id, title, memory, ticks and values).',
          },
          { path: 'id', message: 'must be a string (text in double quotes), not 5.' },
        ],
      });
      expect(Settings.Get().maxErrors).toBe(3);
    } finally {
      Settings.Set({ maxErrors: before });
    }
  });
});
