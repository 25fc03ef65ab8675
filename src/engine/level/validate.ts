// Level validation: level files are untrusted input. Pure: text or a parsed
// value in, every problem out (path, line and column, a plain sentence). Never throws.
//
//   text → size limit → nesting limit → JSON syntax (jsonc-parser, every error)
//        → prototype and duplicate keys (on the raw text) → structure (TypeBox, LevelSchema)
//        → semantics and the simulated program (validate-program.ts, structurally valid only)
//        → solvable: the oracle or the solver finishes it (validate-par.ts)
import { printParseErrorCode, visit, type ParseOptions } from 'jsonc-parser';
// TypeBox's schema module, not its value and compile modules: the same check and errors,
// without the value operations (create, convert, patch...) the game never uses.
import { Errors } from 'typebox/schema';
import { Settings } from 'typebox/system';
import { LevelSchema, LIMITS, type Level } from './schema.js';
import { checkProgram, PROTOTYPE_KEYS, type LevelFacts } from './validate-program.js';
import { wellFormedKeys } from './validate-structure.js';
import { utf8Length } from './encoding.js';
import { parProblem } from './validate-par.js';
import {
  formatPath,
  IssueList,
  printable,
  shortText,
  syntaxMessage,
  syntaxOffset,
  translateSchemaErrors,
  type Issue,
  type JsonPath,
  type SchemaError,
} from './validate-messages.js';
import { capitalise, endSentence, plural } from '../words.js';
import { nth } from '../invariant.js';

export interface Problem {
  /** JSON path in JavaScript style, `values[3].uses[1]`; '' for the file as a whole. */
  path: string;
  /** 1-based, when validating text. */
  line?: number;
  /** 1-based, in UTF-16 code units (as editors count). */
  column?: number;
  /** A plain sentence, without the path or location. */
  message: string;
}

/**
 * A valid level, with each value's index by id when the check made that (a file of the
 * right structure): compiling it again was a tenth of compiling a big level.
 */
export type ValidationResult =
  | { ok: true; level: Level; ids?: ReadonlyMap<string, number> }
  | { ok: false; problems: Problem[] };

/** At most this many problems are listed, then one line says how many more there are. */
export const MAX_PROBLEMS = 500;
/** A level nests 5 deep (level, values, value, fields, field); anything far deeper is refused before parsing. */
export const MAX_DEPTH = 32;
const STRUCTURAL_ERRORS = 1000;
const JSON_OPTIONS: ParseOptions = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false };

/**
 * Validates the text of a level file. With `certify: false` the last check is left out,
 * that the oracle or the solver finishes the level: for a caller that runs the oracle
 * anyway and certifies only when it runs out of memory (`certificationProblem`).
 */
export function validateLevelText(text: string, options: { certify?: boolean } = {}): ValidationResult {
  try {
    return validateText(text, options.certify ?? true);
  } catch (e) {
    return internalError(e);
  }
}

/** Validates an already parsed level (no line and column in its problems). */
export function validateLevel(json: unknown): ValidationResult {
  try {
    const issues = new IssueList(MAX_PROBLEMS);
    const keyIssues = prototypeKeysOf(json);
    for (const k of keyIssues) issues.push(k);
    const facts = checkParsed(
      json,
      keyIssues.map((k) => k.at),
      issues,
    );
    if (issues.count === 0) return solvable(json as Level, facts);
    const problems = inDocumentOrder(json, issues.items).map((i) => toProblem(i));
    return fail(withMore(problems, issues.dropped));
  } catch (e) {
    return internalError(e);
  }
}

/**
 * One line per problem: `levels/x.json:12:5 values[3].uses[1]: <sentence>` (location and
 * path when known). Repeats are grouped: problems in a row with the same sentence at paths
 * that differ in one index only make one line, `values[12…140].drop: <sentence> (129 values)`.
 */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return groupRepeats(problems)
    .map(
      (p) =>
        `${file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}`,
    )
    .join('\n');
}

const INDEX = /\[(\d+)\]/g;

/** A path split at its indexes: the text around them and the indexes themselves. */
function pathShape(path: string): { parts: string[]; indexes: number[] } {
  const parts: string[] = [];
  const indexes: number[] = [];
  let last = 0;
  for (const m of path.matchAll(INDEX)) {
    parts.push(path.slice(last, m.index));
    indexes.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(path.slice(last));
  return { parts, indexes };
}

/** Which one index differs between two paths of the same shape, or -1. */
function varyingIndex(a: ReturnType<typeof pathShape>, b: ReturnType<typeof pathShape>): number {
  if (a.parts.length !== b.parts.length || a.parts.some((p, i) => p !== b.parts[i])) return -1;
  let at = -1;
  for (let i = 0; i < a.indexes.length; i++) {
    if (a.indexes[i] === b.indexes[i]) continue;
    if (at >= 0) return -1;
    at = i;
  }
  return at;
}

function groupRepeats(problems: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  for (let i = 0; i < problems.length; ) {
    const first = nth(problems, i);
    const shape = pathShape(first.path);
    let j = i + 1;
    let at = -1;
    let lastIndex = -1;
    while (j < problems.length && nth(problems, j).message === first.message) {
      const next = pathShape(nth(problems, j).path);
      const k = varyingIndex(shape, next);
      if (k < 0 || (at >= 0 && k !== at) || nth(next.indexes, k) <= (at < 0 ? nth(shape.indexes, k) : lastIndex)) break;
      at = k;
      lastIndex = nth(next.indexes, k);
      j++;
    }
    if (j - i < 3) {
      for (; i < j; i++) out.push(nth(problems, i));
      continue;
    }
    // The noun is the list the index is in: `values[3]` → values.
    const noun = /([A-Za-z_$][\w$]*)$/.exec(nth(shape.parts, at))?.[1] ?? 'items';
    let path = '';
    for (let k = 0; k < shape.parts.length; k++) {
      path += shape.parts[k];
      if (k < shape.indexes.length) path += k === at ? `[${shape.indexes[k]}…${lastIndex}]` : `[${shape.indexes[k]}]`;
    }
    const message = `${first.message.replace(/[.\s]+$/, '')} (${j - i} ${noun})`;
    out.push({ ...first, path, message });
    i = j;
  }
  return out;
}

/** One problem without a file name: `values[3].uses[1]: ...`, or `line 4, column 12: ...` when it has no path. */
export function describeProblem(p: Problem): string {
  if (p.path) return `${p.path}: ${p.message}`;
  if (p.line !== undefined) return `line ${p.line}, column ${p.column ?? 1}: ${p.message}`;
  return p.message;
}

/** Why a well-formed level is not valid after all: neither the oracle nor the solver finishes it; null when one does. */
export function certificationProblem(level: Level): Problem | null {
  const problem = parProblem(level, undefined);
  return problem === null ? null : { path: '', message: problem };
}

/** A well-formed level is valid when the oracle or the solver finishes it. */
function solvable(level: Level, facts: LevelFacts | undefined): ValidationResult {
  const problem = parProblem(level, facts);
  return problem === null ? valid(level, facts) : fail([{ path: '', message: problem }]);
}

function valid(level: Level, facts: LevelFacts | undefined): ValidationResult {
  return facts ? { ok: true, level, ids: facts.index } : { ok: true, level };
}

// ---------- text ----------

function validateText(text: string, certify: boolean): ValidationResult {
  if (typeof text !== 'string') return fail([{ path: '', message: 'A level must be given as text.' }]);
  const bytes = fileBytes(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM some editors add; JSON.parse would refuse it
  const where = lineIndex(text);
  const unreadable = sizeProblem(text, bytes);
  if (unreadable) return fail([unreadable]);
  // JSON.parse first: it is many times faster than a scan in JavaScript (and nests as deep
  // as any file within the size limit). jsonc-parser reads the text only when there is
  // something to report: a syntax error (with its line and column), or a key that may be a
  // repeat or a prototype key.
  let json: unknown;
  let parsed = false;
  try {
    json = JSON.parse(text);
    parsed = true;
  } catch {
    // reported below, with every syntax error located
  }
  // A level of the right structure (nearly every file) nests 5 deep and has no key outside
  // the schema's, and the check counts its keys; any other file, the whole tree is walked.
  const keys = parsed ? wellFormedKeys(json) : null;
  const wellFormed = keys !== null;
  const tree = wellFormed ? { depth: 5, keys, prototypeKey: false } : parsed ? treeShape(json) : null;
  if (!tree || tree.depth > MAX_DEPTH) {
    const deep = deepAt(text);
    if (deep >= 0) return fail([tooDeep(where(deep))]);
  }
  const keysExact = tree !== null && !tree.prototypeKey && tree.keys === colonsUpTo(text, tree.keys + 1);
  const { syntax, keyIssues } = keysExact ? { syntax: [], keyIssues: [] } : scanKeys(text);
  if (syntax.length > 0) return fail(finish(syntaxProblems(text, syntax, where)));
  if (!parsed) return fail([{ path: '', message: 'The file is not valid JSON.' }]);
  const issues = new IssueList(MAX_PROBLEMS);
  for (const k of keyIssues) issues.push(k);
  const facts = checkParsed(
    json,
    keyIssues.filter((k) => PROTOTYPE_KEYS.has(String(k.at[k.at.length - 1]))).map((k) => k.at),
    issues,
    wellFormed,
  );
  if (issues.count === 0) return certify ? solvable(json as Level, facts) : valid(json as Level, facts);

  const offsets = locateAll(text, issues.items);
  const located = issues.items.map((issue, k) => ({ issue, offset: nth(offsets, k) }));
  located.sort((a, b) => a.offset - b.offset);
  const problems = located.map(({ issue, offset }) => toProblem(issue, where(offset)));
  return fail(withMore(problems, issues.dropped));
}

/** A file too big (`bytes`, counted with any BOM) or empty: the one problem to report, if any. */
function sizeProblem(text: string, bytes: number): Problem | null {
  if (bytes > LIMITS.fileBytes) {
    return {
      path: '',
      message: `The file is ${megabytes(bytes)} (${bytes} bytes), more than the limit of ${megabytes(LIMITS.fileBytes)} (${LIMITS.fileBytes} bytes) for a level file.`,
    };
  }
  if (text.trim() === '') {
    return {
      path: '',
      line: 1,
      column: 1,
      message: 'The file is empty; a level is a JSON object: { "id": ..., "title": ..., ... }.',
    };
  }
  return null;
}

function tooDeep(at: { line: number; column: number }): Problem {
  return {
    path: '',
    ...at,
    message: `The JSON is nested more than ${MAX_DEPTH} levels deep here; a level never needs more than 5.`,
  };
}

/**
 * The offset of the first bracket in the text that nests deeper than MAX_DEPTH, or -1. A
 * string ends at its closing quote or at a line break (unterminated), so that text that
 * does not parse is read as far as it can be.
 */
function deepAt(text: string): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 34 || d === 10) break;
        if (d === 92) i++;
      }
    } else if (c === 123 || c === 91) {
      if (depth >= MAX_DEPTH) return i;
      depth++;
    } else if ((c === 125 || c === 93) && depth > 0) depth--;
  }
  return -1;
}

/**
 * What JSON.parse made of the text: how deep its objects and arrays nest (the top one is
 * 1), how many keys its objects hold in all, and whether one of them is a prototype key.
 * With the text's colons, the key count proves there is no repeated key: outside strings
 * a colon follows every key, so as many colons as keys kept means none was dropped.
 */
function treeShape(json: unknown): { depth: number; keys: number; prototypeKey: boolean } {
  const shape = { depth: 0, keys: 0, prototypeKey: false };
  if (typeof json === 'object' && json !== null) walkShape(json, 1, shape);
  return shape;
}

/**
 * `treeShape` of one object or array at nesting `level`, added to `shape`. Recursive (about
 * twice as quick as a stack here), so it stops one level past MAX_DEPTH: deeper than that,
 * the text is read instead (deepAt), and a short key count only sends it to the slow scan.
 */
function walkShape(x: object, level: number, shape: { depth: number; keys: number; prototypeKey: boolean }): void {
  if (level > shape.depth) shape.depth = level;
  if (level > MAX_DEPTH) return;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const item: unknown = x[i];
      if (typeof item === 'object' && item !== null) walkShape(item, level + 1, shape);
    }
    return;
  }
  for (const key in x) {
    shape.keys++;
    if (PROTOTYPE_KEYS.has(key)) shape.prototypeKey = true;
    const item = (x as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) walkShape(item, level + 1, shape);
  }
}

/** How many colons the text holds, counting no further than `most`. */
function colonsUpTo(text: string, most: number): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0 && n < most; i = text.indexOf(':', i + 1)) n++;
  return n;
}

/** One pass over the text: its syntax errors, and the keys no level may have (prototype names, repeats). */
function scanKeys(text: string): { syntax: JsonSyntaxError[]; keyIssues: Issue[] } {
  const syntax: JsonSyntaxError[] = [];
  const keyIssues: Issue[] = [];
  const keysOfObject: KeySet[] = []; // one per depth, reused: no allocation per object
  let depth = -1;
  visit(
    text,
    {
      onObjectBegin: () => void (keysOfObject[++depth] ??= new KeySet()).clear(),
      onObjectEnd: () => void depth--,
      onObjectProperty: (name, offset, _length, _line, _col, pathSupplier) => {
        const keys = keysOfObject[depth];
        if (PROTOTYPE_KEYS.has(name)) {
          keyIssues.push({ at: [...pathSupplier(), name], offset, message: prototypeKeyMessage(name) });
        } else if (keys && !keys.add(name)) {
          keyIssues.push({
            at: [...pathSupplier(), name],
            offset,
            message: `\`${shortText(name)}\` appears more than once in this object; JSON keeps only the last one, so remove the others`,
          });
        }
      },
      onError: (code, offset, length) => void syntax.push({ code: printParseErrorCode(code), offset, length }),
    },
    JSON_OPTIONS,
  );
  return { syntax, keyIssues };
}

/** The keys of one object: a short list (as level objects are), a Set past a few dozen keys. */
class KeySet {
  private list: string[] = [];
  private set: Set<string> | undefined;
  clear(): void {
    this.list.length = 0;
    this.set = undefined;
  }
  /** Adds a key; false if it was there already. */
  add(key: string): boolean {
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.list.includes(key)) return false;
    this.list.push(key);
    if (this.list.length > 32) this.set = new Set(this.list);
    return true;
  }
}

/**
 * The text offset of each issue's path: its key for `key` issues, else its value; for a
 * path that does not exist (a missing key), its deepest existing ancestor. One streaming
 * pass over the text guided by a trie of the wanted paths: jsonc-parser's parseTree +
 * findNodeAtLocation do the same but build a node per value, seconds for an 8 MB level.
 */
function locateAll(text: string, issues: readonly Issue[]): number[] {
  const root = pathTrie(issues);
  recordOffsets(text, root);
  return issues.map((issue) => issue.offset ?? offsetOf(root, issue));
}

/** The wanted paths, segment by segment; each node learns its value's (and key's) offset. */
interface Trie {
  children: Map<string | number, Trie>;
  offset: number;
  keyOffset: number;
}

const trie = (): Trie => ({ children: new Map(), offset: -1, keyOffset: -1 });

function pathTrie(issues: readonly Issue[]): Trie {
  const root = trie();
  for (const issue of issues) {
    let node = root;
    for (const seg of issue.at) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = trie()));
      node = next;
    }
  }
  return root;
}

/** One streaming pass over the text, noting where each value on a wanted path starts. */
function recordOffsets(text: string, root: Trie): void {
  interface Frame {
    node: Trie | undefined;
    array: boolean;
    index: number;
    key: string;
    keyOffset: number;
  }
  const stack: Frame[] = [];
  const valueAt = (offset: number): Trie | undefined => {
    const f = stack[stack.length - 1];
    const node = !f ? root : f.node?.children.get(f.array ? ++f.index : f.key);
    if (node) {
      node.offset = offset;
      node.keyOffset = f && !f.array ? f.keyOffset : -1;
    }
    return node;
  };
  const open = (array: boolean) => (offset: number) =>
    void stack.push({ node: valueAt(offset), array, index: -1, key: '', keyOffset: -1 });
  const close = () => void stack.pop();
  visit(
    text,
    {
      onObjectBegin: open(false),
      onArrayBegin: open(true),
      onObjectEnd: close,
      onArrayEnd: close,
      onObjectProperty: (name, offset) => {
        const f = stack[stack.length - 1];
        if (f) {
          f.key = name;
          f.keyOffset = offset;
        }
      },
      onLiteralValue: (_value, offset) => void valueAt(offset),
    },
    JSON_OPTIONS,
  );
}

/** The offset of the issue's path, or of its deepest ancestor found in the text. */
function offsetOf(root: Trie, issue: Issue): number {
  let node: Trie | undefined = root;
  let best = Math.max(0, root.offset);
  for (let k = 0; node && k < issue.at.length; k++) {
    node = node.children.get(nth(issue.at, k));
    if (node && node.offset >= 0)
      best = issue.key && k === issue.at.length - 1 && node.keyOffset >= 0 ? node.keyOffset : node.offset;
    else break;
  }
  return best;
}

interface JsonSyntaxError {
  code: string;
  offset: number;
  length: number;
}
const ECHO = new Set(['PropertyNameExpected', 'ValueExpected', 'ColonExpected', 'CommaExpected']);

/** Syntax errors as problems, leaving out the echoes jsonc-parser reports right after a first mistake. */
function syntaxProblems(
  text: string,
  errors: JsonSyntaxError[],
  where: (o: number) => { line: number; column: number },
): Problem[] {
  const out: Problem[] = [];
  let prev: (JsonSyntaxError & { line: number }) | undefined;
  for (const e of errors) {
    const pos = where(syntaxOffset(e.code, text, e.offset));
    if (prev && e.offset === prev.offset) continue;
    if (
      prev &&
      ECHO.has(e.code) &&
      (e.offset <= prev.offset + prev.length || (prev.code === 'InvalidSymbol' && pos.line === prev.line))
    )
      continue;
    // A string cut short at the end of its line makes the next line look like it lacks a comma.
    if (prev?.code === 'UnexpectedEndOfString' && ECHO.has(e.code) && pos.line <= prev.line + 1) continue;
    out.push({ path: '', ...pos, message: endSentence(capitalise(syntaxMessage(e.code, text, e.offset, e.length))) });
    prev = { ...e, line: pos.line };
  }
  return out;
}

// ---------- a parsed value ----------

/**
 * Adds the structural problems (TypeBox), else the semantic ones; nothing under `skip`
 * paths. A structurally valid level's facts (sizes, ids) are returned for the par check.
 */
function checkParsed(
  json: unknown,
  skip: readonly JsonPath[],
  out: IssueList,
  wellFormed = wellFormedKeys(json) !== null,
): LevelFacts | undefined {
  if (wellFormed) {
    const { issues: program, facts } = checkProgram(json as Level, MAX_PROBLEMS);
    for (const issue of program.items) out.push(issue);
    out.dropped += program.dropped;
    return facts;
  }
  const errors = schemaErrors(json);
  const issues = translateSchemaErrors(errors, json, LevelSchema as unknown as Record<string, unknown>);
  const under = (at: JsonPath) => skip.some((s) => s.length <= at.length && s.every((seg, i) => seg === at[i]));
  const kept = issues.filter((issue) => !under(issue.at));
  // TypeBox stopped at its limit: the problems beyond are unknown, so say how many were counted, not a total.
  if (errors.length >= STRUCTURAL_ERRORS) {
    out.push({
      at: [],
      message: `this file has too many structural errors to look at them all: the first ${plural(kept.length, 'problem')} are counted below, so fix them and validate again`,
    });
  }
  for (const issue of kept) out.push(issue);
  if (issues.length === 0) out.push({ at: [], message: 'this is not a valid level' });
  return undefined;
}

/** All of TypeBox's errors, not just its default first 8 (the limit is restored at once). */
function schemaErrors(json: unknown): SchemaError[] {
  const before = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: STRUCTURAL_ERRORS });
  try {
    return Errors(LevelSchema, json)[1] as unknown as SchemaError[];
  } finally {
    Settings.Set({ maxErrors: before });
  }
}

function prototypeKeyMessage(name: string): string {
  return `\`${name}\` is not allowed as a key: it is a JavaScript prototype name, which untrusted files must not use; remove it`;
}

/** Own keys named __proto__, constructor or prototype anywhere in a parsed value (cycles and depth guarded). */
function prototypeKeysOf(json: unknown): Issue[] {
  interface Step {
    v: unknown;
    up: Step | undefined;
    seg: string | number;
    depth: number;
  }
  const pathOf = (s: Step | undefined, last: string): (string | number)[] => {
    const at: (string | number)[] = [last];
    for (let x = s; x?.up; x = x.up) at.unshift(x.seg);
    return at;
  };
  // All of them, as the text's key scan finds them: the issue list keeps the first
  // MAX_PROBLEMS and counts the rest, so a parsed level and its text say the same total.
  const out: Issue[] = [];
  const seen = new WeakSet<object>();
  const stack: Step[] = [{ v: json, up: undefined, seg: '', depth: 0 }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const v = step.v;
    if (v === null || typeof v !== 'object' || seen.has(v) || step.depth > MAX_DEPTH) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], up: step, seg: i, depth: step.depth + 1 });
    } else {
      for (const k of Object.keys(v)) {
        if (PROTOTYPE_KEYS.has(k)) out.push({ at: pathOf(step, k), message: prototypeKeyMessage(k) });
        else stack.push({ v: (v as Record<string, unknown>)[k], up: step, seg: k, depth: step.depth + 1 });
      }
    }
  }
  return out;
}

/** Issues sorted as their paths appear in the value: keys in insertion order, items by index. */
function inDocumentOrder(json: unknown, issues: Issue[]): Issue[] {
  const rank = (parent: unknown, seg: string | number): number => {
    if (typeof seg === 'number') return seg;
    if (parent === null || typeof parent !== 'object') return 0;
    return Object.keys(parent).indexOf(seg); // a missing key (-1): the object itself comes first
  };
  const keyOf = (at: JsonPath): number[] => {
    const out: number[] = [];
    let cur: unknown = json;
    for (const seg of at) {
      out.push(rank(cur, seg));
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[seg] : undefined;
    }
    return out;
  };
  const keyed = issues.map((issue) => ({ issue, key: keyOf(issue.at) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < Math.min(a.key.length, b.key.length); k++)
      if (a.key[k] !== b.key[k]) return nth(a.key, k) - nth(b.key, k);
    return a.key.length - b.key.length;
  });
  return keyed.map((k) => k.issue);
}

// ---------- small helpers ----------

function toProblem(issue: Issue, pos?: { line: number; column: number }): Problem {
  return {
    path: formatPath(issue.at),
    ...(pos ?? {}),
    message: endSentence(issue.at.length === 0 ? capitalise(issue.message) : issue.message),
  };
}

/** At most MAX_PROBLEMS problems, then one line saying how many more there are. */
function finish(problems: Problem[]): Problem[] {
  return withMore(problems.slice(0, MAX_PROBLEMS), problems.length - Math.min(problems.length, MAX_PROBLEMS));
}

function withMore(problems: Problem[], rest: number): Problem[] {
  return rest > 0
    ? [...problems, { path: '', message: `…and ${plural(rest, 'more problem', 'more problems')}; fix these first.` }]
    : problems;
}

/** Every problem leaves here: file text in messages and paths is made printable. */
function fail(problems: Problem[]): ValidationResult {
  return {
    ok: false,
    problems: problems.map((p) => ({ ...p, path: printable(p.path), message: printable(p.message) })),
  };
}

function internalError(e: unknown): ValidationResult {
  let why = 'unknown error';
  try {
    why = e instanceof Error ? e.message : String(e);
  } catch {
    /* an error that cannot even be shown */
  }
  return fail([
    { path: '', message: `The validator could not check this file (${why}); please report this as a bug.` },
  ]);
}

/**
 * The text's size in UTF-8 bytes, as the file holds it (Buffer's count where there is one:
 * it is native), counted whole even past the limit: the too-big sentence says it.
 */
function fileBytes(s: string): number {
  const buffer = (globalThis as { Buffer?: { byteLength(s: string, encoding: string): number } }).Buffer;
  return buffer ? buffer.byteLength(s, 'utf8') : utf8Length(s);
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** Offset → 1-based line and column. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nth(starts, mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - nth(starts, lo) + 1 };
  };
}
