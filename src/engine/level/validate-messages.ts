// Plain sentences for the level validator: JSON syntax errors (jsonc-parser's codes) and
// structural errors (TypeBox's), turned into what a level author can act on.
import { nth } from '../invariant.js';

/** A location in the level JSON: object keys and array indexes, from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/** A problem before it is given a line and column. */
export interface Issue {
  at: JsonPath;
  message: string;
  /** Point at the key itself (an unknown key) rather than its value, when `at` is looked up (not with `offset`). */
  key?: boolean;
  /** A known offset in the text, used instead of looking `at` up. */
  offset?: number;
}

/**
 * Text from the file made safe to print on a terminal: control characters (C0, DEL, C1, so
 * no escape sequences), invisible and bidirectional marks become \uXXXX escapes.
 */
export function printable(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A key or name from the file, shortened for a message. */
export function shortText(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Issues up to a limit; past it only counted, so a level with a million mistakes stays cheap. */
export class IssueList {
  readonly items: Issue[] = [];
  dropped = 0;
  constructor(private readonly limit = Infinity) {}
  push(issue: Issue): void {
    if (this.items.length < this.limit) this.items.push(issue);
    else this.dropped++;
  }
  get count(): number {
    return this.items.length + this.dropped;
  }
}

/** `values[3].uses[1]`: the path as a level author would write it in JavaScript. */
export function formatPath(at: JsonPath): string {
  let out = '';
  for (const raw of at) {
    const seg = typeof raw === 'string' ? shortText(raw) : raw;
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `a, b or c` */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
/** `a, b and c` */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** How a found value is shown after "not": `7.5`, `"abc"`, `a list`. */
export function showFound(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? String(v) : 'a number too large to store';
    case 'string': {
      const s = JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
      return s;
    }
    case 'boolean':
      return String(v);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return `a ${typeof v}`;
  }
}

// ---------- JSON syntax ----------

/** jsonc-parser's ParseErrorCode names (printParseErrorCode) in words. */
const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected text',
  InvalidNumberFormat:
    'this number is not written the JSON way (digits, an optional fraction like 1.5 and exponent like 1e3)',
  PropertyNameExpected: 'a key in double quotes is expected here',
  ValueExpected:
    'a value is expected here (a number, a string in double quotes, true, false, null, a [ ] list or a { } object)',
  ColonExpected: 'a colon (:) is missing after the key',
  CommaExpected: 'a comma is missing',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is more text after the end of the level',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'a comment is never closed (and comments are not allowed in JSON)',
  UnexpectedEndOfString: 'a string is never closed: its closing double quote (") is missing before the end of the line',
  UnexpectedEndOfNumber: 'a number ends too early (a digit is missing)',
  InvalidUnicode: 'a \\u escape needs exactly four hexadecimal digits, like \\u00e9',
  InvalidEscapeCharacter:
    'this escape is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)',
  InvalidCharacter:
    'a string contains a control character (such as a tab or line break); write it as an escape like \\t or \\n',
};

const NOT_JSON_WORDS: Record<string, string> = {
  NaN: 'NaN is not a JSON value; use a number',
  Infinity: 'Infinity is not a JSON value; use a number',
  undefined: 'undefined is not a JSON value; leave the key out or use null',
  True: 'JSON writes true in lowercase',
  False: 'JSON writes false in lowercase',
  None: 'JSON writes null, not None',
  Null: 'JSON writes null in lowercase',
};

/** Offset of the previous non-space character before `offset`, or -1. */
function prevAt(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return i;
  }
  return -1;
}
const prevChar = (text: string, offset: number): string => text[prevAt(text, offset)] ?? '';

/** Where to point for a syntax error: at a trailing comma itself rather than the bracket after it. */
export function syntaxOffset(code: string, text: string, offset: number): number {
  const here = text[offset];
  if (
    (code === 'ValueExpected' || code === 'PropertyNameExpected') &&
    (here === '}' || here === ']') &&
    prevChar(text, offset) === ','
  ) {
    return prevAt(text, offset);
  }
  return offset;
}

/**
 * The first escape in a string's text that JSON does not allow (`\d`), reading escapes
 * left to right, so the second backslash of an allowed `\\` (as in `"C:\\Users"`) starts none.
 */
function badEscape(s: string): string | undefined {
  for (const m of s.matchAll(/\\([\s\S])/g)) if (!'"\\/bfnrtu'.includes(m[1] ?? '')) return m[0];
  return undefined;
}

/** One syntax error in words; `code` is the ParseErrorCode's name, `text` the whole file, `offset`/`length` the bad token. */
export function syntaxMessage(code: string, text: string, offset: number, length: number): string {
  const here = text[offset] ?? '';
  const token = text.slice(offset, offset + Math.max(1, Math.min(length, 30)));
  if ((code === 'ValueExpected' || code === 'PropertyNameExpected') && (here === '}' || here === ']')) {
    if (prevChar(text, offset) === ',')
      return `this comma comes after the last item, before ${here}; JSON does not allow a comma after the last item, so remove it`;
    if (code === 'ValueExpected' && prevChar(text, offset) === ':')
      return `a value is missing after the colon, before this ${here}`;
  }
  if (code === 'ValueExpected' && offset >= text.length) return 'the file ends where a value is expected';
  if (code === 'CommaExpected' && /[0-9]/.test(here) && prevChar(text, offset) === '0') {
    // The author's own number, as written and as meant: 032 is 32.
    const digits = /^[0-9]*/.exec(text.slice(offset, offset + 20))?.[0] ?? '';
    return `a number cannot start with 0 followed by more digits (write ${digits.replace(/^0+(?=.)/, '')}, not 0${digits})`;
  }
  if (code === 'CommaExpected') {
    const shown = token.trim();
    // Cut when long, or when the token itself was cut above (a key padded with spaces).
    const cut = shown.length > 24 || length > 30 ? `${shown.slice(0, 24)}...` : shown;
    return shown ? `a comma is missing before ${cut.startsWith('"') ? cut : `\`${cut}\``}` : 'a comma is missing';
  }
  if (code === 'InvalidSymbol') {
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(offset, offset + 40))?.[0];
    if (word && NOT_JSON_WORDS[word]) return NOT_JSON_WORDS[word];
    if (word && /^\s*:/.test(text.slice(offset + word.length, offset + word.length + 20))) {
      return `the key ${word} must be written in double quotes: "${word}"`;
    }
    if (word)
      return `unexpected word ${JSON.stringify(word)}: text must be in double quotes, and the only bare words JSON knows are true, false and null`;
    if (here === "'") return 'JSON strings use double quotes ("), not single quotes';
    if (here === '\uFEFF')
      return offset === 0
        ? 'the file starts with an invisible byte-order mark; save it as UTF-8 without a BOM'
        : 'an invisible character (a byte-order mark, U+FEFF) is here; delete it';
    // An invisible character (a no-break space, a zero-width one) is named by its code point.
    const code = text.codePointAt(offset) ?? 0;
    const ch = String.fromCodePoint(code);
    return /^[\p{L}\p{N}\p{P}\p{S}]/u.test(ch)
      ? `unexpected character ${JSON.stringify(ch)}`
      : `unexpected character U+${code.toString(16).toUpperCase().padStart(4, '0')} (an invisible one)`;
  }
  if (code === 'InvalidEscapeCharacter') {
    const esc = badEscape(text.slice(offset, offset + Math.min(length, 2000)));
    return esc
      ? `the escape ${esc} is not allowed in a JSON string (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)`
      : (SYNTAX_WORDS[code] ?? 'this is not valid JSON');
  }
  if (code === 'CloseBraceExpected' && offset >= text.length) return 'the file ends before the closing } of an object';
  if (code === 'CloseBracketExpected' && offset >= text.length) return 'the file ends before the closing ] of a list';
  return SYNTAX_WORDS[code] ?? 'this is not valid JSON';
}

// ---------- structure (TypeBox errors) ----------

/** The shape of a TypeBox error we rely on. */
export interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

type Schema = Record<string, unknown>;

function jsonPointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The schema at a TypeBox schemaPath such as `#/properties/values/items`. */
export function schemaAt(root: Schema, schemaPath: string): Schema | undefined {
  let cur: unknown = root;
  for (const seg of jsonPointerSegments(schemaPath)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur !== null && typeof cur === 'object' ? (cur as Schema) : undefined;
}

/** The JSON path of an instancePath, with array indexes as numbers (looked up in the data). */
export function instanceToPath(data: unknown, instancePath: string): (string | number)[] {
  const out: (string | number)[] = [];
  let cur: unknown = data;
  for (const seg of jsonPointerSegments(instancePath)) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur =
        cur !== null && typeof cur === 'object' && Object.hasOwn(cur, seg)
          ? (cur as Record<string, unknown>)[seg]
          : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** What kind of object a schemaPath names: `level`, `value`, `field`, `set`, `gc`, ... */
function objectKind(schemaPath: string): string {
  const segs = jsonPointerSegments(schemaPath);
  if (segs.length === 0) return 'level';
  let name = '';
  let item = false;
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === 'properties' && i + 1 < segs.length) {
      name = nth(segs, ++i);
      item = false;
    } else if (segs[i] === 'items') item = true;
  }
  return item && name.endsWith('s') ? name.slice(0, -1) : name || 'level';
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer (a whole number)',
  number: 'a number',
  string: 'a string (text in double quotes)',
  boolean: 'true or false',
  array: 'a list ([ ... ])',
  object: 'an object ({ ... })',
  null: 'null',
};

const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_]*$': 'a value id: a letter or _, then letters, digits or _ (like "greeting" or "user_2")',
  '^[a-z0-9]+(-[a-z0-9]+)*$':
    'a slug: lowercase letters and digits, words joined by single dashes (like "hello-pointers")',
};

/** A short name for one branch of a union, for "must be X, Y or Z". */
function branchWord(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  const pattern = typeof s.pattern === 'string' ? PATTERN_WORDS[s.pattern] : undefined;
  if (s.type === 'string' && pattern) return pattern.split(':')[0] ?? pattern;
  if (s.type === 'integer' && typeof s.minimum === 'number') return `an integer of at least ${s.minimum}`;
  if (s.type === 'boolean') return 'a boolean';
  if (s.type === 'string') return 'a string';
  return TYPE_WORDS[String(s.type)] ?? 'something else';
}

/** The JSON kind of a value, as a schema `type` would name it (integers count as numbers). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
function branchKind(s: Schema): string {
  if (s.const !== undefined) return kindOf(s.const);
  return s.type === 'integer' ? 'number' : String(s.type);
}

function sizeWord(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One TypeBox error (not a union, unknown key or missing key) as a sentence. */
function keywordMessage(e: SchemaError, schema: Schema | undefined, found: unknown): string {
  const p = e.params;
  const limit = Number(p.limit);
  switch (e.keyword) {
    case 'type': {
      const t = String(p.type);
      return `must be ${TYPE_WORDS[t] ?? t}, not ${showFound(found)}`;
    }
    case 'minimum':
      return `must be at least ${limit}, not ${showFound(found)}`;
    case 'maximum':
      return `must be at most ${limit}, not ${showFound(found)}`;
    case 'exclusiveMinimum':
      return `must be more than ${limit}, not ${showFound(found)}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}, not ${showFound(found)}`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${sizeWord(limit, 'character', 'characters')} long`;
    case 'maxLength':
      return `must be at most ${sizeWord(limit, 'character', 'characters')} long (it has ${typeof found === 'string' ? found.length : '?'})`;
    case 'minItems':
      return limit === 1 ? 'must have at least one entry' : `must have at least ${limit} entries`;
    case 'maxItems':
      return `must have at most ${sizeWord(limit, 'entry', 'entries')} (it has ${Array.isArray(found) ? found.length : '?'})`;
    case 'pattern': {
      const pattern = String(p.pattern ?? schema?.pattern ?? '');
      const words = PATTERN_WORDS[pattern];
      return words
        ? `must be ${words}, not ${showFound(found)}`
        : `must match the pattern ${pattern}, not ${showFound(found)}`;
    }
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}, not ${showFound(found)}`;
    case 'enum':
      return `must be one of ${orList((Array.isArray(p.allowedValues) ? p.allowedValues : []).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))))}, not ${showFound(found)}`;
    default:
      return e.message;
  }
}

/** Close names, to suggest for a misspelt key. */
function suggest(key: string, allowed: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(k, a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3 || a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(nth(prev, j) + 1, nth(cur, j - 1) + 1, nth(prev, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return nth(prev, b.length);
}

/** The sentence for a key that the object's schema does not allow. */
export function unknownKeyMessage(key: string, objectSchemaPath: string, root: Schema): string {
  const props = schemaAt(root, objectSchemaPath)?.properties;
  const allowed = props && typeof props === 'object' ? Object.keys(props) : [];
  const kind = objectKind(objectSchemaPath);
  const near = suggest(key, allowed);
  const hint = near !== undefined ? ` (did you mean \`${near}\`?)` : '';
  const named = key === '' ? 'an empty key ("")' : `\`${shortText(key)}\``;
  return `${named} is not ${kind === 'gc' || kind === 'weights' ? `a \`${kind}\`` : `a ${kind}`} key${hint}; allowed: ${allowed.join(', ')}`;
}

/**
 * TypeBox's errors as issues: each unknown key once, each missing key once, a union as
 * "must be a number, a boolean or a string", and only the type error where a value has
 * the wrong type altogether.
 */
export function translateSchemaErrors(errors: readonly SchemaError[], data: unknown, root: Schema): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const add = (at: (string | number)[], message: string, key?: boolean) => {
    const sig = `${JSON.stringify(at)} ${message}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    out.push(key ? { at, message, key } : { at, message });
  };

  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const inUnion = (e: SchemaError) => unions.some((u) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/anyOf/`));
  const typed = new Set(errors.filter((e) => e.keyword === 'type' && !inUnion(e)).map((e) => e.instancePath));
  const perKeyUnknown = new Set(
    errors
      .filter((e) => e.keyword === 'boolean' && e.schemaPath.endsWith('/additionalProperties'))
      .map((e) => e.instancePath),
  );

  for (const e of errors) {
    if (e.keyword !== 'anyOf' && inUnion(e)) continue;
    const at = instanceToPath(data, e.instancePath);
    const found = valueAt(data, at);
    if (e.keyword === 'boolean' && e.schemaPath.endsWith('/additionalProperties')) {
      const key = String(at[at.length - 1] ?? '');
      add(at, unknownKeyMessage(key, e.schemaPath.slice(0, -'/additionalProperties'.length), root), true);
    } else if (e.keyword === 'additionalProperties') {
      // The aggregate of the per-key errors above: only used if TypeBox gave no per-key ones.
      const keys = Array.isArray(e.params.additionalProperties) ? e.params.additionalProperties.map(String) : [];
      for (const key of keys) {
        const keyPointer = `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!perKeyUnknown.has(keyPointer)) add([...at, key], unknownKeyMessage(key, e.schemaPath, root), true);
      }
    } else if (e.keyword === 'required') {
      const schema = schemaAt(root, e.schemaPath);
      const kind = objectKind(e.schemaPath);
      const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
      const missing = Array.isArray(e.params.requiredProperties) ? e.params.requiredProperties.map(String) : [];
      const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
      const names = missing.map((k) => `\`${k}\``);
      if (names.length > 0)
        add(
          at,
          `${andList(names)} ${names.length === 1 ? 'is' : 'are'} missing (${article} ${kind} needs ${andList(required)})`,
        );
    } else if (e.keyword === 'anyOf') {
      add(at, unionMessage(e, errors, found, root));
    } else if (e.keyword === 'type' && at.length === 0) {
      add(at, `a level must be ${TYPE_WORDS[String(e.params.type)] ?? 'an object'}, not ${showFound(found)}`);
    } else if (e.keyword !== 'type' && typed.has(e.instancePath)) {
    } else {
      add(at, keywordMessage(e, schemaAt(root, e.schemaPath), found));
    }
  }
  return out;
}

function unionMessage(u: SchemaError, errors: readonly SchemaError[], found: unknown, root: Schema): string {
  const branches = (schemaAt(root, u.schemaPath)?.anyOf ?? []) as Schema[];
  const fits = branches
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.const === undefined && branchKind(b) === kindOf(found));
  if (fits.length === 1) {
    // Right kind, wrong detail (a pattern, a range, a length): say the detail.
    const prefix = `${u.schemaPath}/anyOf/${nth(fits, 0).i}`;
    const own = errors.filter(
      (e) => e.instancePath === u.instancePath && (e.schemaPath === prefix || e.schemaPath.startsWith(`${prefix}/`)),
    );
    if (own.length > 0 && !own.some((e) => e.keyword === 'type'))
      return keywordMessage(nth(own, 0), schemaAt(root, nth(own, 0).schemaPath), found);
  }
  if (branches.length > 0 && branches.every((b) => b.const !== undefined)) {
    return `must be one of ${orList(branches.map((b) => String(b.const)))}, not ${showFound(found)}`;
  }
  return `must be ${orList(branches.map(branchWord))}, not ${showFound(found)}`;
}
