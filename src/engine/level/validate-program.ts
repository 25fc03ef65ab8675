// The semantic half of level validation (GAME.md §3, §4): ids, ticks, types and sizes,
// then the program itself, simulated tick by tick to check that everything it touches
// is reachable at that moment. Runs only on a structurally valid level.
import type { Level, LevelValue } from './schema.js';
import { pointerWidth, primitiveSize, resolvePrimitive } from './encoding.js';
import { andList, IssueList, shortText } from './validate-messages.js';

/** Names that are dangerous as object keys downstream; refused as value ids and field names too. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const q = (id: string) => `\`${shortText(id)}\``;
const isPointerField = (f: { ref?: string | null }) => f.ref !== undefined;

/** Every semantic problem of a structurally valid level, in file order then tick order; past `limit`, only counted. */
export function checkProgram(level: Level, limit = Infinity): IssueList {
  const issues = new IssueList(limit);
  const index = new Map<string, number>();
  level.values.forEach((v, i) => {
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
  });
  level.values.forEach((v, i) => checkValue(level, v, i, index, issues));
  checkSets(level, index, issues);
  simulate(level, index, issues);
  return issues;
}

// ---------- one value: shape, type, size, ticks ----------

function checkValue(
  level: Level,
  v: LevelValue,
  i: number,
  index: ReadonlyMap<string, number>,
  issues: IssueList,
): void {
  const at = (...rest: (string | number)[]) => ['values', i, ...rest];
  const ptr = pointerWidth(level.memory);
  let size: number | undefined;
  const hasValue = v.value !== undefined;
  if (hasValue && v.fields !== undefined) {
    issues.push({
      at: at(),
      message: `${q(v.id)} has both \`value\` and \`fields\`; a value is either a primitive (\`value\`) or a record (\`fields\`), not both`,
    });
  } else if (!hasValue && v.fields === undefined) {
    issues.push({
      at: at(),
      message: `${q(v.id)} has neither \`value\` nor \`fields\`; give it a \`value\` (a primitive) or \`fields\` (a record)`,
    });
  } else if (hasValue) {
    const p = resolvePrimitive(v.value, v.type);
    if (typeof p === 'string') issues.push({ at: at('value'), message: sentence(p) });
    else size = primitiveSize(p);
  } else if (v.fields !== undefined) {
    if (v.type !== undefined) {
      issues.push({
        at: at('type'),
        message: `${q(v.id)} is a record, and a record has no \`type\`; give its fields a \`type\` instead`,
      });
    }
    size = 0;
    const names = new Map<string, number>();
    v.fields.forEach((f, k) => {
      const fat = (...rest: (string | number)[]) => at('fields', k, ...rest);
      if (f.name !== undefined) {
        const first = names.get(f.name);
        if (first !== undefined) {
          issues.push({
            at: fat('name'),
            message: `${q(v.id)} already has a field named ${q(f.name)} (fields[${first}]); field names must be unique`,
          });
        } else names.set(f.name, k);
        if (PROTOTYPE_KEYS.has(f.name))
          issues.push({
            at: fat('name'),
            message: `${q(f.name)} cannot be a field name: it is a JavaScript prototype name; choose another`,
          });
      }
      const hasV = f.value !== undefined;
      const hasR = f.ref !== undefined;
      if (hasV && hasR) {
        issues.push({
          at: fat(),
          message: 'a field has both `value` and `ref`; a field is either an inline value or a pointer, not both',
        });
        size = undefined;
      } else if (!hasV && !hasR) {
        issues.push({
          at: fat(),
          message:
            'a field has neither `value` nor `ref`; give it an inline `value` or a pointer `ref` (an id or null)',
        });
        size = undefined;
      } else if (hasR) {
        if (f.type !== undefined)
          issues.push({ at: fat('type'), message: 'a pointer field (`ref`) has no `type`: it is always an address' });
        if (f.ref !== null && f.ref !== undefined && !index.has(f.ref)) {
          issues.push({ at: fat('ref'), message: `no value has the id ${q(f.ref)}${nearId(f.ref, index)}` });
        }
        if (size !== undefined) size += ptr;
      } else {
        const p = resolvePrimitive(f.value, f.type);
        if (typeof p === 'string') {
          issues.push({ at: fat('value'), message: sentence(p) });
          size = undefined;
        } else if (size !== undefined) size += primitiveSize(p);
      }
    });
  }
  if (v.secret === true && v.untrusted === true) {
    issues.push({
      at: at(),
      message: `${q(v.id)} is marked both \`secret\` and \`untrusted\`; a value is either the program's secret (a password, a key) or an attacker's input, not both: remove one`,
    });
  }
  const usable = level.memory - 1;
  if (size !== undefined && size > usable) {
    issues.push({
      at: at(),
      message: `${q(v.id)} takes ${size} boxes, but memory has only ${usable} usable boxes (${level.memory} minus box 0, NULL), so it can never fit`,
    });
  }

  const T = level.ticks;
  if (v.arrive >= T) {
    issues.push({
      at: at('arrive'),
      message: `${q(v.id)} arrives at tick ${v.arrive}, but the program's ticks are 0 to ${T - 1} (\`ticks\` is ${T})`,
    });
  }
  (v.uses ?? []).forEach((u, k) => {
    const prev = k > 0 ? v.uses![k - 1] : undefined;
    if (prev !== undefined && u <= prev) {
      issues.push({
        at: at('uses', k),
        message: `tick ${u} does not come after the previous use at tick ${prev}; list uses in ascending order, each tick once`,
      });
    }
    if (u < v.arrive) {
      issues.push({
        at: at('uses', k),
        message: `${q(v.id)} is read at tick ${u}, before it arrives at tick ${v.arrive}`,
      });
    } else if (u >= T) {
      issues.push({
        at: at('uses', k),
        message: `${q(v.id)} is read at tick ${u}, but the program's last tick is ${T - 1}`,
      });
    }
  });
  if (v.drop !== undefined) {
    if (v.drop <= v.arrive) {
      issues.push({
        at: at('drop'),
        message: `${q(v.id)} is dropped at tick ${v.drop}, but it arrives at tick ${v.arrive}; \`drop\` must come after \`arrive\``,
      });
    } else if (v.drop > T) {
      issues.push({
        at: at('drop'),
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

interface ResolvedSet {
  in: number; // value index, or -1
  field: number; // field index in the record, or -1
  to: number; // value index, -1 for null, -2 for an unknown id
}

function resolveSets(level: Level, index: ReadonlyMap<string, number>): ResolvedSet[] {
  return (level.sets ?? []).map((s) => {
    const inIdx = index.get(s.in) ?? -1;
    const fields = inIdx >= 0 ? level.values[inIdx].fields : undefined;
    let field = -1;
    if (fields) {
      const fi = typeof s.field === 'number' ? s.field : fields.findIndex((f) => f.name === s.field);
      if (fi >= 0 && fi < fields.length && isPointerField(fields[fi])) field = fi;
    }
    const to = s.to === null ? -1 : (index.get(s.to) ?? -2);
    return { in: inIdx, field, to };
  });
}

function checkSets(level: Level, index: ReadonlyMap<string, number>, issues: IssueList): void {
  (level.sets ?? []).forEach((s, k) => {
    const at = (key: string) => ['sets', k, key];
    if (s.tick >= level.ticks) {
      issues.push({
        at: at('tick'),
        message: `a set at tick ${s.tick} is after the program's last tick, ${level.ticks - 1}`,
      });
    }
    const inIdx = index.get(s.in);
    if (inIdx === undefined) {
      issues.push({ at: at('in'), message: `no value has the id ${q(s.in)}${nearId(s.in, index)}` });
    } else {
      const fields = level.values[inIdx].fields;
      if (!fields) {
        issues.push({
          at: at('in'),
          message: `${q(s.in)} is not a record (it has no \`fields\`), so it has no pointer field to set`,
        });
      } else {
        const which = () => {
          const pointers = fields
            .map((f, i) => (isPointerField(f) ? (f.name !== undefined ? q(f.name) : `fields[${i}]`) : ''))
            .filter(Boolean);
          return pointers.length > 0 ? `its pointer fields are ${andList(pointers)}` : 'it has no pointer fields';
        };
        if (typeof s.field === 'number') {
          if (s.field >= fields.length) {
            issues.push({
              at: at('field'),
              message: `${q(s.in)} has ${fields.length} field${fields.length === 1 ? '' : 's'} (numbered from 0), so there is no field ${s.field}; ${which()}`,
            });
          } else if (!isPointerField(fields[s.field])) {
            issues.push({
              at: at('field'),
              message: `field ${s.field} of ${q(s.in)} holds an inline value, not a pointer, so a set cannot write a pointer into it; ${which()}`,
            });
          }
        } else {
          const fi = fields.findIndex((f) => f.name === s.field);
          if (fi < 0)
            issues.push({ at: at('field'), message: `${q(s.in)} has no field named ${q(s.field)}; ${which()}` });
          else if (!isPointerField(fields[fi])) {
            issues.push({
              at: at('field'),
              message: `${q(s.field)} of ${q(s.in)} holds an inline value, not a pointer, so a set cannot write a pointer into it; ${which()}`,
            });
          }
        }
      }
    }
    if (s.to !== null && !index.has(s.to))
      issues.push({ at: at('to'), message: `no value has the id ${q(s.to)}${nearId(s.to, index)}` });
  });
}

// ---------- the program, tick by tick ----------

/** A bound on the reachability work for one level (untrusted input): about a second. */
export const SIMULATION_STEPS = 50_000_000;

/** Bucket items by tick, keeping their order within a tick: CSR arrays. */
function buckets(
  ticks: number,
  count: number,
  tickOf: (i: number) => number,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(ticks + 1);
  for (let i = 0; i < count; i++) {
    const t = tickOf(i);
    if (t >= 0 && t < ticks) start[t + 1]++;
  }
  for (let t = 0; t < ticks; t++) start[t + 1] += start[t];
  const fill = start.slice(0, ticks);
  const items = new Int32Array(start[ticks]);
  for (let i = 0; i < count; i++) {
    const t = tickOf(i);
    if (t >= 0 && t < ticks) items[fill[t]++] = i;
  }
  return { start, items };
}

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
 * Cost: a value that is a root when checked costs nothing. Otherwise the check searches
 * backwards from it along the pointers into it until it meets a root (or a value already
 * known to be reachable), and remembers the answer for every value on the way: "reachable"
 * until the root it was traced to is dropped or a pointer on the way is overwritten,
 * "unreachable" until any pointer is added. A use of a dropped value held by a live record costs one step
 * per record on the way up, and a long list held from its head is climbed once, not at every
 * read. Pathological programs (deep chains read every tick while pointers are overwritten
 * every tick) are quadratic; SIMULATION_STEPS bounds them, reported as a problem.
 */
function simulate(level: Level, index: ReadonlyMap<string, number>, issues: IssueList): void {
  const T = level.ticks;
  const values = level.values;
  const n = values.length;
  const sets = level.sets ?? [];
  const rs = resolveSets(level, index);

  const drop = new Int32Array(n); // effective drop tick: a bad one counts as absent (reported already)
  for (let i = 0; i < n; i++) {
    const d = values[i].drop;
    drop[i] = d !== undefined && d > values[i].arrive && d <= T ? d : T;
  }

  // Pointer slots: one per pointer field of every record.
  const slotBase = new Int32Array(n + 1);
  values.forEach((v, i) => (slotBase[i + 1] = slotBase[i] + (v.fields ? v.fields.length : 0)));
  const fieldCount = slotBase[n];
  const slotOwner = new Int32Array(fieldCount);
  const slotTarget = new Int32Array(fieldCount).fill(-1);
  for (let i = 0; i < n; i++) for (let s = slotBase[i]; s < slotBase[i + 1]; s++) slotOwner[s] = i;
  const into: (number[] | undefined)[] = new Array(n); // the slots pointing to each value now
  const posInto = new Int32Array(fieldCount); // where a slot sits in its target's `into` list
  const lastUnlink = new Int32Array(n).fill(-1); // the set that last overwrote a pointer to it

  const arrived = new Uint8Array(n);
  const root = new Uint8Array(n);
  // Memo of answers. "Reachable" holds while the root it was traced to (its anchor) is still
  // a root and no pointer on the way was overwritten; "unreachable" while no pointer was added.
  const yesMark = new Int32Array(n);
  const anchor = new Int32Array(n);
  const anchorGen = new Int32Array(n);
  const rootGen = new Int32Array(n); // bumped when a value stops being a root
  const markSlot = new Int32Array(n); // the pointer into it that its "reachable" was traced through
  const enqSlot = new Int32Array(n); // during a search: the pointer by which a value leads down to its parent
  const noMark = new Int32Array(n);
  let yesEpoch = 1;
  let noEpoch = 1;
  const known = (u: number) => yesMark[u] === yesEpoch && anchorGen[u] === rootGen[anchor[u]];
  let steps = 0;
  const seen = new Int32Array(n);
  let search = 0;
  const parent = new Int32Array(n);
  const queue = new Int32Array(n);

  const NONE: readonly number[] = [];
  const pointersInto = (v: number): readonly number[] => into[v] ?? NONE;

  const reachable = (v: number): boolean => {
    if (root[v] || known(v)) return true;
    if (noMark[v] === noEpoch) return false;
    search++;
    let head = 0;
    let tail = 0;
    queue[tail++] = v;
    seen[v] = search;
    parent[v] = -1;
    while (head < tail) {
      const u = queue[head++];
      const list = pointersInto(u);
      steps += 1 + list.length;
      for (const s of list) {
        const o = slotOwner[s];
        if (root[o] || known(o)) {
          const a = root[o] ? o : anchor[o];
          for (let w = u, via = s; w !== -1; via = enqSlot[w], w = parent[w]) {
            yesMark[w] = yesEpoch;
            anchor[w] = a;
            anchorGen[w] = rootGen[a];
            markSlot[w] = via;
          }
          return true;
        }
        if (seen[o] !== search && noMark[o] !== noEpoch) {
          seen[o] = search;
          parent[o] = u;
          enqSlot[o] = s;
          queue[tail++] = o;
        }
      }
    }
    for (let k = 0; k < tail; k++) noMark[queue[k]] = noEpoch; // no root above any of them
    return false;
  };

  const write = (slot: number, target: number, setIndex: number) => {
    const old = slotTarget[slot];
    if (old === target) return;
    slotTarget[slot] = target;
    if (old >= 0) {
      const list = into[old]!;
      const last = list.pop()!;
      if (last !== slot) {
        list[posInto[slot]] = last;
        posInto[last] = posInto[slot];
      }
      // Every "reachable" traced through this pointer runs through `old`, marked through it.
      if (known(old) && markSlot[old] === slot) yesEpoch++;
      if (setIndex >= 0) lastUnlink[old] = setIndex;
    }
    if (target >= 0) {
      const list = (into[target] ??= []);
      posInto[slot] = list.length;
      list.push(slot);
      noEpoch++;
    }
  };

  const why = (v: number): string => {
    const owners = [...new Set(pointersInto(v).map((s) => slotOwner[s]))];
    const dropped = `its variable was dropped at tick ${drop[v]}`;
    if (owners.length > 0) {
      const names = owners.slice(0, 3).map((o) => q(values[o].id));
      if (owners.length > 3) names.push(`${owners.length - 3} more`);
      return `${dropped}, and what points to it (${andList(names)}) is unreachable too`;
    }
    const k = lastUnlink[v];
    if (k >= 0) return `${dropped}, and sets[${k}] at tick ${sets[k].tick} overwrote the last pointer to it`;
    return `${dropped} and nothing points to it`;
  };
  const notYet = (j: number, t: number): string => {
    const a = values[j].arrive;
    if (a >= T) return 'it never arrives';
    if (a === t)
      return `it arrives at tick ${a} too, but later in the list, and values arriving together are written in list order`;
    return `it arrives at tick ${a}`;
  };
  /** Checks that value j exists and is reachable now; returns whether it exists. Paths and words are made only for a problem. */
  const check = (j: number, t: number, at: () => (string | number)[], what: () => string): boolean => {
    if (!arrived[j]) {
      issues.push({
        at: at(),
        message: `${what()} ${q(values[j].id)}, which does not exist yet at tick ${t} (${notYet(j, t)})`,
      });
      return false;
    }
    if (!reachable(j))
      issues.push({
        at: at(),
        message: `${what()} ${q(values[j].id)}, but ${q(values[j].id)} is unreachable then (${why(j)})`,
      });
    return true;
  };

  const arrivals = buckets(T, n, (i) => values[i].arrive);
  const setsAt = buckets(T, sets.length, (k) => sets[k].tick);
  const dropsAt = buckets(T, n, (i) => (drop[i] < T ? drop[i] : -1));
  let useCount = 0;
  for (const v of values) useCount += v.uses?.length ?? 0;
  const useValue = new Int32Array(useCount);
  const useK = new Int32Array(useCount);
  for (let i = 0, u = 0; i < n; i++) {
    const count = values[i].uses?.length ?? 0;
    for (let k = 0; k < count; k++, u++) {
      useValue[u] = i;
      useK[u] = k;
    }
  }
  const usesAt = buckets(T, useCount, (x) => {
    const v = values[useValue[x]];
    const tick = v.uses![useK[x]];
    return tick >= v.arrive ? tick : -1; // a use before arrival is reported already
  });

  for (let t = 0; t < T; t++) {
    // arrive
    for (let a = arrivals.start[t]; a < arrivals.start[t + 1]; a++) {
      const i = arrivals.items[a];
      const v = values[i];
      arrived[i] = 1;
      root[i] = 1;
      const fields = v.fields;
      if (!fields) continue;
      for (let k = 0; k < fields.length; k++) {
        const ref = fields[k].ref;
        const j = ref === undefined || ref === null ? undefined : index.get(ref);
        if (j === undefined) continue;
        const at = () => ['values', i, 'fields', k, 'ref'];
        if (check(j, t, at, () => `${q(v.id)} arrives at tick ${t} with a pointer to`)) write(slotBase[i] + k, j, -1);
      }
    }
    // set
    for (let a = setsAt.start[t]; a < setsAt.start[t + 1]; a++) {
      const k = setsAt.items[a];
      const s = sets[k];
      const r = rs[k];
      const inOk =
        r.in >= 0 &&
        check(
          r.in,
          t,
          () => ['sets', k, 'in'],
          () => `at tick ${t} the program writes a pointer into`,
        );
      const field = () => (typeof s.field === 'number' ? `fields[${s.field}]` : s.field);
      const toOk =
        r.to === -1 ||
        (r.to >= 0 &&
          check(
            r.to,
            t,
            () => ['sets', k, 'to'],
            () => `at tick ${t} the program points ${q(s.in)}.${field()} at`,
          ));
      if (inOk && toOk && r.field >= 0) write(slotBase[r.in] + r.field, r.to, k);
    }
    // use
    for (let a = usesAt.start[t]; a < usesAt.start[t + 1]; a++) {
      const x = usesAt.items[a];
      const i = useValue[x];
      if (!reachable(i)) {
        issues.push({
          at: ['values', i, 'uses', useK[x]],
          message: `${q(values[i].id)} is read at tick ${t}, but it is unreachable then (${why(i)})`,
        });
      }
    }
    // drop
    for (let a = dropsAt.start[t]; a < dropsAt.start[t + 1]; a++) {
      const v = dropsAt.items[a];
      root[v] = 0;
      rootGen[v]++; // forgets every "reachable" traced to it
    }
    if (steps > SIMULATION_STEPS) {
      issues.push({
        at: [],
        message:
          `checking reachability took more than ${SIMULATION_STEPS.toLocaleString('en')} steps by tick ${t} (long chains of pointers, ` +
          'read after their variables are dropped while other pointers keep changing), so the program after it was not checked; shorten those chains',
      });
      return;
    }
  }
}
