// The semantic half of level validation: ids, ticks, types and sizes,
// then the program itself, simulated tick by tick to check that everything it touches
// is reachable at that moment. Runs only on a structurally valid level.
import type { Level, LevelSet, LevelValue } from './schema.js';
import { pointerWidth, resolveType, sizeOfType } from './encoding.js';
import { andList, IssueList, shortText } from './validate-messages.js';
import { checkGc } from './validate-gc.js';
import { plural } from '../words.js';
import { LiveReachability } from '../run/reachability.js';
import { nth } from '../invariant.js';
import { byTickOf, type ByTick } from './by-tick.js';

/** Names that are dangerous as object keys downstream; refused as value ids and field names too. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const q = (id: string) => `\`${shortText(id)}\``;
const isPointerField = (f: { ref?: string | null }) => f.ref !== undefined;

/**
 * What checking the program learns that the par check needs again: each value's size, its
 * id's index and, once the whole program was simulated, the last tick that touches each
 * value (as `lastTouches` counts it) and the values arriving at each tick (as `byTick`
 * buckets them).
 */
export interface LevelFacts {
  sizes: Int32Array;
  index: ReadonlyMap<string, number>;
  last?: Int32Array;
  arrivals?: ByTick;
}

/** Every semantic problem of a structurally valid level, in file order then tick order; past `limit`, only counted. */
export function checkProgram(level: Level, limit = Infinity): { issues: IssueList; facts: LevelFacts } {
  const issues = new IssueList(limit);
  const values = level.values;
  // Plain loops over the values here and below: this runs cold, once, on up to 100,000 of them.
  let fields = 0;
  let uses = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as LevelValue;
    fields += v.fields?.length ?? 0;
    uses += v.uses?.length ?? 0;
  }
  const index = idIndex(values, issues);
  const table = newValueTable(values.length, fields, uses);
  const sizes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as LevelValue;
    tabulate(level, v, i, index, table);
    sizes[i] = checkValue(level, v, i, table, index, issues) ?? 0;
  }
  const sets = checkSets(level, index, table, issues);
  checkGc(level, issues);
  const simulated = simulate(level, table, sets, issues);
  return { issues, facts: simulated ? { sizes, index, ...simulated } : { sizes, index } };
}

/**
 * Each id's value (the first, for an id given twice), and the problems of ids given twice
 * or that are prototype names. Every id is put in the map at once, one probe each; only
 * when the map ends up short (an id repeats) or holds a prototype name is it made again
 * value by value, with the problems, as few levels need.
 */
function idIndex(values: readonly LevelValue[], issues: IssueList): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < values.length; i++) index.set((values[i] as LevelValue).id, i);
  let prototypeKey = false;
  for (const key of PROTOTYPE_KEYS) if (index.has(key)) prototypeKey = true;
  if (index.size === values.length && !prototypeKey) return index;
  index.clear();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as LevelValue;
    const first = index.get(v.id);
    if (first !== undefined) {
      issues.push({
        at: ['values', i, 'id'],
        message: `${q(v.id)} is already the id of values[${first}]; value ids must be unique`,
      });
    } else index.set(v.id, i);
    if (PROTOTYPE_KEYS.has(v.id)) {
      issues.push({
        at: ['values', i, 'id'],
        message: `${q(v.id)} cannot be a value id: it is a JavaScript prototype name; choose another`,
      });
    }
  }
  return index;
}

// ---------- each value's numbers, read once ----------

/** A pointer field's target in the table: a value's index, or one of these. */
const NULL_REF = -1;
const UNKNOWN_ID = -2;
const INLINE = -3;

/**
 * Each value's ticks and pointers as numbers, read from the level in the pass that checks
 * the values: the simulation and the par check work from these, never from the parsed
 * objects again (on a big level each pass over those is mostly cache misses).
 */
interface ValueTable {
  arrive: Int32Array;
  /** Each value's effective drop tick: a bad one counts as absent (reported already). */
  drop: Int32Array;
  /** The first field of each record (and n + 1 entries): fields are numbered record by record. */
  fieldBase: Int32Array;
  /** Where each field's `ref` points: a value, NULL_REF, UNKNOWN_ID, or INLINE (no `ref`). */
  fieldTarget: Int32Array;
  /** The last tick each value's own ticks touch: its arrival, or its last read. */
  last: Int32Array;
  /**
   * The reads that may find their value unreachable, value by value: whose it is, its
   * number among that value's, its tick. Only a read after the value's drop can: until its
   * drop (its drop tick too) its variable is a root. Room for every read; `used` are filled.
   */
  useValue: Int32Array;
  useK: Int32Array;
  useTick: Int32Array;
  used: number;
}

function newValueTable(values: number, fields: number, uses: number): ValueTable {
  return {
    arrive: new Int32Array(values),
    drop: new Int32Array(values),
    fieldBase: new Int32Array(values + 1),
    fieldTarget: new Int32Array(fields),
    last: new Int32Array(values),
    useValue: new Int32Array(uses),
    useK: new Int32Array(uses),
    useTick: new Int32Array(uses),
    used: 0,
  };
}

/** Values[i]'s arrival, drop, fields' targets and own last touch into the table, after the values before it (checkTicks adds its reads). */
function tabulate(level: Level, v: LevelValue, i: number, index: ReadonlyMap<string, number>, table: ValueTable): void {
  const T = level.ticks;
  const arrive = v.arrive;
  const d = v.drop;
  table.arrive[i] = arrive;
  table.drop[i] = d !== undefined && d > arrive && d <= T ? d : T;
  const base = table.fieldBase[i] as number;
  const fields = v.fields;
  if (fields) {
    for (let k = 0; k < fields.length; k++) {
      const ref = (fields[k] as (typeof fields)[number]).ref;
      table.fieldTarget[base + k] =
        ref === undefined ? INLINE : ref === null ? NULL_REF : (index.get(ref) ?? UNKNOWN_ID);
    }
  }
  table.fieldBase[i + 1] = base + (fields ? fields.length : 0);
  const uses = v.uses;
  table.last[i] = uses !== undefined && uses.length > 0 ? Math.max(arrive, uses[uses.length - 1] as number) : arrive;
}

// ---------- one value: shape, type, size, ticks ----------

/** The path to something of values[i]: made only for a problem (a closure per value was garbage on big levels). */
const valuePath = (i: number, ...rest: (string | number)[]): (string | number)[] => ['values', i, ...rest];

function checkValue(
  level: Level,
  v: LevelValue,
  i: number,
  table: ValueTable,
  index: ReadonlyMap<string, number>,
  issues: IssueList,
): number | undefined {
  const size = checkShape(level, v, i, table, index, issues);
  if (v.secret === true && v.untrusted === true) {
    issues.push({
      at: valuePath(i),
      message: `${q(v.id)} is marked both \`secret\` and \`untrusted\`; a value is either the program's secret (a password, a key) or an attacker's input, not both: remove one`,
    });
  }
  const usable = level.memory - 1;
  if (size !== undefined && size > usable) {
    issues.push({
      at: valuePath(i),
      message: `${q(v.id)} takes ${size} boxes, but memory has only ${usable} usable boxes (${level.memory} minus box 0, NULL), so it can never fit`,
    });
  }
  checkTicks(level, v, i, table, issues);
  return size;
}

/** A value is a primitive or a record, well typed; returns its size when every part of it is valid. */
function checkShape(
  level: Level,
  v: LevelValue,
  i: number,
  table: ValueTable,
  index: ReadonlyMap<string, number>,
  issues: IssueList,
): number | undefined {
  let size: number | undefined;
  const hasValue = v.value !== undefined;
  if (hasValue && v.fields !== undefined) {
    issues.push({
      at: valuePath(i),
      message: `${q(v.id)} has both \`value\` and \`fields\`; a value is either a primitive (\`value\`) or a record (\`fields\`), not both`,
    });
  } else if (!hasValue && v.fields === undefined) {
    issues.push({
      at: valuePath(i),
      message: `${q(v.id)} has neither \`value\` nor \`fields\`; give it a \`value\` (a primitive) or \`fields\` (a record)`,
    });
  } else if (hasValue) {
    const t = resolveType(v.value, v.type);
    if (typeof t !== 'string') issues.push({ at: valuePath(i, 'value'), message: sentence(t.problem) });
    else size = sizeOfType(t, v.value);
  } else if (v.fields !== undefined) {
    if (v.type !== undefined) {
      issues.push({
        at: valuePath(i, 'type'),
        message: `${q(v.id)} is a record, and a record has no \`type\`; give its fields a \`type\` instead`,
      });
    }
    size = checkFields(level, v, v.fields, i, table, index, issues);
  }
  return size;
}

/** A record's fields: unique names, each an inline value or a pointer; returns the record's size when all are valid. */
function checkFields(
  level: Level,
  v: LevelValue,
  fields: NonNullable<LevelValue['fields']>,
  i: number,
  table: ValueTable,
  index: ReadonlyMap<string, number>,
  issues: IssueList,
): number | undefined {
  const ptr = pointerWidth(level.memory);
  const base = table.fieldBase[i] as number;
  let size: number | undefined = 0;
  // Most records have a few fields: their names are compared pair by pair, and a map of
  // them is made only for a long record (a map each was most of this check's garbage).
  const names = fields.length > FEW_FIELDS ? new Map<string, number>() : undefined;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k] as (typeof fields)[number];
    if (f.name !== undefined) {
      const first = names ? names.get(f.name) : earlierName(fields, k, f.name);
      if (first !== undefined) {
        issues.push({
          at: valuePath(i, 'fields', k, 'name'),
          message: `${q(v.id)} already has a field named ${q(f.name)} (fields[${first}]); field names must be unique`,
        });
      } else names?.set(f.name, k);
      if (PROTOTYPE_KEYS.has(f.name))
        issues.push({
          at: valuePath(i, 'fields', k, 'name'),
          message: `${q(f.name)} cannot be a field name: it is a JavaScript prototype name; choose another`,
        });
    }
    const hasV = f.value !== undefined;
    const hasR = f.ref !== undefined;
    if (hasV && hasR) {
      issues.push({
        at: valuePath(i, 'fields', k),
        message: 'a field has both `value` and `ref`; a field is either an inline value or a pointer, not both',
      });
      size = undefined;
    } else if (!hasV && !hasR) {
      issues.push({
        at: valuePath(i, 'fields', k),
        message: 'a field has neither `value` nor `ref`; give it an inline `value` or a pointer `ref` (an id or null)',
      });
      size = undefined;
    } else if (hasR) {
      if (f.type !== undefined)
        issues.push({
          at: valuePath(i, 'fields', k, 'type'),
          message: 'a pointer field (`ref`) has no `type`: it is always an address',
        });
      if (f.ref !== null && f.ref !== undefined && table.fieldTarget[base + k] === UNKNOWN_ID) {
        issues.push({
          at: valuePath(i, 'fields', k, 'ref'),
          message: `no value has the id ${q(f.ref)}${nearId(f.ref, index)}`,
        });
      }
      if (size !== undefined) size += ptr;
    } else {
      const t = resolveType(f.value, f.type);
      if (typeof t !== 'string') {
        issues.push({ at: valuePath(i, 'fields', k, 'value'), message: sentence(t.problem) });
        size = undefined;
      } else if (size !== undefined) size += sizeOfType(t, f.value);
    }
  }
  return size;
}

/** Up to this many fields, a record's names are compared pair by pair (`earlierName`), not kept in a map. */
const FEW_FIELDS = 8;

/** The first of fields[0..k) named `name`, or undefined. */
function earlierName(fields: NonNullable<LevelValue['fields']>, k: number, name: string): number | undefined {
  for (let j = 0; j < k; j++) if ((fields[j] as (typeof fields)[number]).name === name) return j;
  return undefined;
}

/**
 * A value's ticks: it arrives within the program, its uses ascend from its arrival, and it
 * drops after it. Its reads after its drop go into the table on the way, in the one loop
 * over them.
 */
function checkTicks(level: Level, v: LevelValue, i: number, table: ValueTable, issues: IssueList): void {
  const T = level.ticks;
  if (v.arrive >= T) {
    issues.push({
      at: valuePath(i, 'arrive'),
      message: `${q(v.id)} arrives at tick ${v.arrive}, but the program's ticks are 0 to ${T - 1} (\`ticks\` is ${T})`,
    });
  }
  const uses = v.uses ?? [];
  const drop = table.drop[i] as number;
  let at = table.used;
  for (let k = 0; k < uses.length; k++) {
    const u = uses[k] as number;
    if (u > drop) {
      table.useValue[at] = i;
      table.useK[at] = k;
      table.useTick[at++] = u;
    }
    const prev = k > 0 ? uses[k - 1] : undefined;
    if (prev !== undefined && u <= prev) {
      issues.push({
        at: valuePath(i, 'uses', k),
        message: `tick ${u} does not come after the previous use at tick ${prev}; list uses in ascending order, each tick once`,
      });
    }
    if (u < v.arrive) {
      issues.push({
        at: valuePath(i, 'uses', k),
        message: `${q(v.id)} is read at tick ${u}, before it arrives at tick ${v.arrive}`,
      });
    } else if (u >= T) {
      issues.push({
        at: valuePath(i, 'uses', k),
        message: `${q(v.id)} is read at tick ${u}, but the program's last tick is ${T - 1}`,
      });
    }
  }
  table.used = at;
  if (v.drop !== undefined) {
    if (v.drop <= v.arrive) {
      issues.push({
        at: valuePath(i, 'drop'),
        message: `${q(v.id)} is dropped at tick ${v.drop}, but it arrives at tick ${v.arrive}; \`drop\` must come after \`arrive\``,
      });
    } else if (v.drop > T) {
      issues.push({
        at: valuePath(i, 'drop'),
        message: `${q(v.id)} is dropped at tick ${v.drop}, after the program ends; \`drop\` may be at most ${T} (\`ticks\`), or left out`,
      });
    }
  }
}

/** encoding.ts's messages are whole sentences; ours are lowercase fragments after a path. */
function sentence(s: string): string {
  const t = s.replace(/\.$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

function nearId(id: string, index: ReadonlyMap<string, number>): string {
  const lower = id.toLowerCase();
  for (const k of index.keys()) if (k.toLowerCase() === lower) return ` (did you mean ${q(k)}?)`;
  return '';
}

// ---------- sets: what they name ----------

/** What each set names, by set: its tick, its record, the pointer field, its target. */
interface ResolvedSets {
  tick: Int32Array;
  in: Int32Array; // value index, or -1
  field: Int32Array; // field index in the record, or -1
  to: Int32Array; // value index, NULL_REF, or UNKNOWN_ID
}

/**
 * What each set names (its record, the pointer field, its target), resolved once for the
 * simulation, and the problems of those that name something wrong. One plain loop, with
 * the words made only for a problem: a big level has tens of thousands of sets, checked
 * cold, once.
 */
function checkSets(
  level: Level,
  index: ReadonlyMap<string, number>,
  table: ValueTable,
  issues: IssueList,
): ResolvedSets {
  const sets = level.sets ?? [];
  const n = sets.length;
  const resolved = { tick: new Int32Array(n), in: new Int32Array(n), field: new Int32Array(n), to: new Int32Array(n) };
  for (let k = 0; k < n; k++) {
    const s = nth(sets, k);
    if (s.tick >= level.ticks) {
      issues.push({
        at: ['sets', k, 'tick'],
        message: `a set at tick ${s.tick} is after the program's last tick, ${level.ticks - 1}`,
      });
    }
    const inIdx = index.get(s.in) ?? -1;
    const field = inIdx < 0 ? -1 : setField(level, table, s, k, inIdx, issues);
    if (inIdx < 0)
      issues.push({ at: ['sets', k, 'in'], message: `no value has the id ${q(s.in)}${nearId(s.in, index)}` });
    const to = s.to === null ? NULL_REF : (index.get(s.to) ?? UNKNOWN_ID);
    if (s.to !== null && to === UNKNOWN_ID)
      issues.push({ at: ['sets', k, 'to'], message: `no value has the id ${q(s.to)}${nearId(s.to, index)}` });
    resolved.tick[k] = s.tick;
    resolved.in[k] = inIdx;
    resolved.field[k] = field;
    resolved.to[k] = to;
  }
  return resolved;
}

/** The index of the pointer field set k writes into record `s.in` (values[inIdx]), or -1 with its problem. */
function setField(level: Level, table: ValueTable, s: LevelSet, k: number, inIdx: number, issues: IssueList): number {
  // Nearly every set names a pointer field by number: the table answers without the record.
  const base = table.fieldBase[inIdx] as number;
  const count = (table.fieldBase[inIdx + 1] as number) - base;
  const f = s.field;
  if (typeof f === 'number' && f < count && table.fieldTarget[base + f] !== INLINE) return f;
  const fields = nth(level.values, inIdx).fields;
  if (!fields) {
    issues.push({
      at: ['sets', k, 'in'],
      message: `${q(s.in)} is not a record (it has no \`fields\`), so it has no pointer field to set`,
    });
    return -1;
  }
  const at = ['sets', k, 'field'];
  if (typeof s.field === 'number') {
    if (s.field >= fields.length) {
      issues.push({
        at,
        message: `${q(s.in)} has ${plural(fields.length, 'field')} (numbered from 0), so there is no field ${s.field}; ${pointerFieldsOf(fields)}`,
      });
      return -1;
    }
    if (isPointerField(nth(fields, s.field))) return s.field;
    issues.push({
      at,
      message: `field ${s.field} of ${q(s.in)} holds an inline value, not a pointer, so a set cannot write a pointer into it; ${pointerFieldsOf(fields)}`,
    });
    return -1;
  }
  let fi = 0;
  while (fi < fields.length && nth(fields, fi).name !== s.field) fi++;
  if (fi === fields.length) {
    issues.push({ at, message: `${q(s.in)} has no field named ${q(s.field)}; ${pointerFieldsOf(fields)}` });
    return -1;
  }
  if (isPointerField(nth(fields, fi))) return fi;
  issues.push({
    at,
    message: `${q(s.field)} of ${q(s.in)} holds an inline value, not a pointer, so a set cannot write a pointer into it; ${pointerFieldsOf(fields)}`,
  });
  return -1;
}

/** A record's pointer fields, in words, for a set that names another. */
function pointerFieldsOf(fields: NonNullable<LevelValue['fields']>): string {
  const pointers = fields
    .map((f, i) => (isPointerField(f) ? (f.name !== undefined ? q(f.name) : `fields[${i}]`) : ''))
    .filter(Boolean);
  return pointers.length > 0 ? `its pointer fields are ${andList(pointers)}` : 'it has no pointer fields';
}

// ---------- the program, tick by tick ----------

/** A bound on the reachability work for one level (untrusted input): about a second. */
export const SIMULATION_STEPS = 50_000_000;

/**
 * Simulates the four phases of every tick (arrive, set, use, drop) and checks that each use,
 * each ref written at arrival (its target) and both ends of each set name a reachable value.
 *
 * Order within a tick: values arriving at the same tick are written in the order the level
 * lists them, so a `ref` may only name a value that already exists at that moment: one that
 * arrived at an earlier tick, or earlier in the list at the same tick, or the arriving value
 * itself (a record may point to itself). Sets at the same tick run in list order, so a set
 * sees the pointers written by the sets listed before it. A value is still a root during the
 * tick it is dropped at (drop is the last phase), so it may be used at its drop tick.
 *
 * A write the level declares still happens in the simulation when its check fails (the
 * program does write a stale pointer), so one mistake is reported once, not again at every
 * later check it would spoil. Writes naming unknown ids or values that do not exist yet
 * are skipped.
 *
 * Cost: see LiveReachability (a root costs nothing; a search backwards from a value is
 * remembered). Pathological programs (deep chains read every tick while pointers are
 * overwritten every tick) are quadratic; SIMULATION_STEPS bounds them, reported as a problem.
 */
function simulate(
  level: Level,
  table: ValueTable,
  sets: ResolvedSets,
  issues: IssueList,
): Pick<LevelFacts, 'last' | 'arrivals'> | null {
  const sim = newSimulation(level, table, sets, issues);
  const T = level.ticks;
  const arrivals = byTickOf(T, table.arrive);
  const setsAt = byTickOf(T, sets.tick);
  const dropsAt = byTickOf(T, table.drop); // a drop at tick T (the program's end) is dropped from the buckets
  const usesAt = byTickOf(T, table.useTick.subarray(0, table.used));
  const { useValue, useK } = table;
  // Typed arrays read within their lengths (a bucket list's start has ticks + 1 entries), as
  // byTickOf builds them: this loop runs cold, once per tick of the program.
  for (let t = 0; t < T; t++) {
    for (let a = arrivals.start[t] as number; a < (arrivals.start[t + 1] as number); a++)
      arrive(sim, arrivals.items[a] as number, t);
    for (let a = setsAt.start[t] as number; a < (setsAt.start[t + 1] as number); a++)
      runSet(sim, setsAt.items[a] as number, t);
    for (let a = usesAt.start[t] as number; a < (usesAt.start[t + 1] as number); a++) {
      const x = usesAt.items[a] as number;
      use(sim, useValue[x] as number, useK[x] as number, t);
    }
    for (let a = dropsAt.start[t] as number; a < (dropsAt.start[t + 1] as number); a++)
      sim.graph.dropRoot(dropsAt.items[a] as number);
    if (sim.graph.steps > SIMULATION_STEPS) {
      issues.push({
        at: [],
        message:
          `checking reachability took more than ${SIMULATION_STEPS.toLocaleString('en')} steps by tick ${t} (long chains of pointers, ` +
          'read after their variables are dropped while other pointers keep changing), so the program after it was not checked; shorten those chains',
      });
      return null;
    }
  }
  return { last: sim.last, arrivals };
}

/** The program being simulated: its values, where each pointer field is, and what is reachable now. */
interface Simulation {
  level: Level;
  issues: IssueList;
  table: ValueTable;
  sets: ResolvedSets;
  /** The value holding each field. */
  fieldOwner: Int32Array;
  graph: LiveReachability;
  /** The set that last overwrote a pointer to each value, or -1. */
  lastUnlink: Int32Array;
  arrived: Uint8Array;
  /** The last tick that touches each value so far: its arrival, its last read, a pointer written into it or to it. */
  last: Int32Array;
}

function newSimulation(level: Level, table: ValueTable, sets: ResolvedSets, issues: IssueList): Simulation {
  const n = level.values.length;
  const { fieldBase } = table;
  const fieldOwner = new Int32Array(nth(fieldBase, n));
  for (let i = 0; i < n; i++) for (let f = nth(fieldBase, i); f < nth(fieldBase, i + 1); f++) fieldOwner[f] = i;
  return {
    level,
    issues,
    table,
    sets,
    fieldOwner,
    graph: new LiveReachability(n, fieldOwner),
    lastUnlink: new Int32Array(n).fill(-1),
    arrived: new Uint8Array(n),
    last: table.last, // the pointers' touches are added to the values' own as the program runs
  };
}

/** Value j is touched at tick t (a pointer to it, or into it, is written). */
function touch(sim: Simulation, j: number, t: number): void {
  if ((sim.last[j] as number) < t) sim.last[j] = t;
}

/** Points a pointer field at a value (-1 for null), remembering which set unlinked the old target. */
function write(sim: Simulation, field: number, target: number, setIndex: number): void {
  const old = sim.graph.point(field, target);
  if (old >= 0 && old !== target && setIndex >= 0) sim.lastUnlink[old] = setIndex;
}

/** Why value v is unreachable now, in words. */
function why(sim: Simulation, v: number): string {
  const values = sim.level.values;
  // In file order: the order pointers were written in is no help to the reader.
  const owners = [...new Set(sim.graph.pointersInto(v).map((f) => nth(sim.fieldOwner, f)))].sort((a, b) => a - b);
  const dropped = `its variable was dropped at tick ${sim.table.drop[v]}`;
  if (owners.length > 0) {
    const names = owners.slice(0, 3).map((o) => q(nth(values, o).id));
    if (owners.length > 3) names.push(`${owners.length - 3} more`);
    return `${dropped}, and what points to it (${andList(names)}) is unreachable too`;
  }
  const k = nth(sim.lastUnlink, v);
  if (k >= 0) return `${dropped}, and sets[${k}] at tick ${nth(sim.sets.tick, k)} overwrote the last pointer to it`;
  return `${dropped} and nothing points to it`;
}

/** Why value j does not exist yet at tick t, in words. */
function notYet(sim: Simulation, j: number, t: number): string {
  const a = nth(sim.table.arrive, j);
  if (a >= sim.level.ticks) return 'it never arrives';
  if (a === t)
    return `it arrives at tick ${a} too, but later in the list, and values arriving together are written in list order`;
  return `it arrives at tick ${a}`;
}

// Where a value named at a moment of the program stands then. Asked for every pointer
// written, so it is a number: the path and the words are made only for a problem.
const REACHABLE = 0;
const NOT_YET = 1;
const UNREACHABLE = 2;
type Reach = typeof REACHABLE | typeof NOT_YET | typeof UNREACHABLE;

/** Whether value j exists now, and is reachable. */
function reach(sim: Simulation, j: number): Reach {
  if (!sim.arrived[j]) return NOT_YET;
  return sim.graph.reachable(j) ? REACHABLE : UNREACHABLE;
}

/** The problem of naming value j at tick t when it is not reachable (`what` begins the sentence). */
function unreached(sim: Simulation, how: Reach, j: number, t: number, at: (string | number)[], what: string): void {
  const id = q(nth(sim.level.values, j).id);
  sim.issues.push(
    how === NOT_YET
      ? { at, message: `${what} ${id}, which does not exist yet at tick ${t} (${notYet(sim, j, t)})` }
      : { at, message: `${what} ${id}, but ${id} is unreachable then (${why(sim, j)})` },
  );
}

/** Value i arrives at tick t: it becomes a root and its refs are written, each checked. */
function arrive(sim: Simulation, i: number, t: number): void {
  sim.arrived[i] = 1;
  sim.graph.addRoot(i);
  const { fieldBase, fieldTarget } = sim.table;
  const base = fieldBase[i] as number;
  const end = fieldBase[i + 1] as number;
  for (let f = base; f < end; f++) {
    const j = fieldTarget[f] as number;
    if (j < 0) continue; // inline, null, or an unknown id (reported already)
    touch(sim, j, t);
    const r = reach(sim, j);
    if (r !== REACHABLE) {
      const what = `${q(nth(sim.level.values, i).id)} arrives at tick ${t} with a pointer to`;
      unreached(sim, r, j, t, ['values', i, 'fields', f - base, 'ref'], what);
    }
    if (r !== NOT_YET) write(sim, f, j, -1);
  }
}

/** sets[k] runs at tick t: both ends are checked, then the pointer is written. */
function runSet(sim: Simulation, k: number, t: number): void {
  const into = sim.sets.in[k] as number;
  const target = sim.sets.to[k] as number;
  const field = sim.sets.field[k] as number;
  if (into >= 0) touch(sim, into, t);
  if (target >= 0) touch(sim, target, t);
  const intoReach = into >= 0 ? reach(sim, into) : NOT_YET;
  if (into >= 0 && intoReach !== REACHABLE)
    unreached(sim, intoReach, into, t, ['sets', k, 'in'], `at tick ${t} the program writes a pointer into`);
  const toReach = target >= 0 ? reach(sim, target) : REACHABLE; // null, or an unknown id (reported already)
  if (toReach !== REACHABLE) {
    const s = nth(sim.level.sets ?? [], k);
    const named = typeof s.field === 'number' ? `fields[${s.field}]` : s.field;
    unreached(sim, toReach, target, t, ['sets', k, 'to'], `at tick ${t} the program points ${q(s.in)}.${named} at`);
  }
  if (intoReach !== NOT_YET && toReach !== NOT_YET && target !== UNKNOWN_ID && field >= 0)
    write(sim, (sim.table.fieldBase[into] as number) + field, target, k);
}

/** Value i's use number k, at tick t: it must be reachable. */
function use(sim: Simulation, i: number, k: number, t: number): void {
  if (sim.graph.reachable(i)) return;
  const id = q(nth(sim.level.values, i).id);
  sim.issues.push({
    at: ['values', i, 'uses', k],
    message: `${id} is read at tick ${t}, but it is unreachable then (${why(sim, i)})`,
  });
}
