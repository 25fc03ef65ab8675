// The validator's first question, "has this parsed level the schema's structure?", is
// answered in two parts made from the schema (TypeBox's check with the closed objects left
// open, then a pass over the keys against each object's properties). Together they must
// answer exactly as TypeBox's check of the schema itself, and count every key of the tree.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Compile } from 'typebox/schema';
import { describe, expect, it } from 'vitest';
import { LevelSchema } from '../../src/engine/level/schema.js';
import { structureCheck, wellFormedKeys } from '../../src/engine/level/validate-structure.js';
import { prng } from '../../src/engine/generate/prng.js';
import { EVERY_KIND } from '../support/every-kind.js';
import { generateLevel } from '../support/generate.js';

const schemaCheck = Compile(LevelSchema);

const builtIns = readdirSync('levels')
  .filter((f) => /^\d.*\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join('levels', f), 'utf8')) as unknown);

/** Every key of every object in a parsed tree. */
function allKeys(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((n: number, item) => n + allKeys(item), 0);
  if (typeof x !== 'object' || x === null) return 0;
  return Object.entries(x).reduce((n, [, v]) => n + 1 + allKeys(v), 0);
}

/** Every object in a parsed tree, the root included. */
function objectsOf(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(x)) for (const item of x) objectsOf(item, out);
  else if (typeof x === 'object' && x !== null) {
    out.push(x as Record<string, unknown>);
    for (const v of Object.values(x)) objectsOf(v, out);
  }
  return out;
}

type Check = ReturnType<typeof structureCheck>;

function agrees(check: Check, json: unknown): void {
  const keys = check(json);
  expect(keys !== null).toBe(schemaCheck.Check(json));
  if (keys !== null) expect(keys).toBe(allKeys(json));
}

const copy = <T>(x: T): T => structuredClone(x);

describe('the structure check answers as the schema', () => {
  it('accepts valid levels and counts every key in them', () => {
    const check = structureCheck();
    const levels = [EVERY_KIND, ...builtIns, generateLevel({ seed: 3, values: 300, memory: 256, lifetime: 8 })];
    expect(builtIns.length).toBeGreaterThan(5);
    for (const level of levels) {
      expect(check(level)).toBe(allKeys(level));
      agrees(check, level);
    }
  });

  it('refuses a key the schema does not have, in every kind of object', () => {
    const check = structureCheck();
    for (let k = 0; k < objectsOf(EVERY_KIND).length; k++) {
      const level = copy(EVERY_KIND);
      const target = objectsOf(level)[k] as Record<string, unknown>;
      target.extra = 1;
      expect(check(level), `object ${k}`).toBeNull();
      agrees(check, level);
    }
  });

  it('refuses a prototype name as a key, as JSON.parse makes it (an own key)', () => {
    const check = structureCheck();
    const level = JSON.parse(JSON.stringify(EVERY_KIND).replace('"arrive":0', '"__proto__":{},"arrive":0'));
    expect(Object.hasOwn(level.values[0], '__proto__')).toBe(true);
    expect(check(level)).toBeNull();
    agrees(check, level);
  });

  it('answers as the schema for random breakages of every kind of object', () => {
    const check = structureCheck();
    const r = prng(11);
    const odd: unknown[] = ['x', -1, 1.5, null, true, [], {}, 100_001, '', 'Bad Id'];
    let refused = 0;
    for (let n = 0; n < 400; n++) {
      const level = copy(r.next() < 0.5 ? EVERY_KIND : r.pick(builtIns)) as Record<string, unknown>;
      const target = r.pick(objectsOf(level));
      const keys = Object.keys(target);
      const how = r.int(0, 3);
      if (how === 0 && keys.length > 0) delete target[r.pick(keys)];
      else if (how === 1 && keys.length > 0) target[r.pick(keys)] = r.pick(odd);
      else if (how === 2) target[r.pick(['extra', 'Id', 'values', 'fields', 'ref', 'tick'])] = r.pick(odd);
      else target[r.pick(keys.length > 0 ? keys : ['id'])] = copy(r.pick(odd));
      if (!schemaCheck.Check(level)) refused++;
      agrees(check, level);
    }
    // The breakages must be tried on both sides of the line, not only one.
    expect(refused).toBeGreaterThan(100);
    expect(refused).toBeLessThan(400);
  });

  it('refuses what is not a level object at all', () => {
    const check = structureCheck();
    for (const json of [null, 1, 'level', [], [EVERY_KIND], {}]) {
      expect(check(json)).toBeNull();
      agrees(check, json);
    }
  });
});

describe('the validator keeps one check', () => {
  it('wellFormedKeys answers as a check made afresh', () => {
    const check = structureCheck();
    const broken = copy(EVERY_KIND) as Record<string, unknown>;
    broken.extra = true;
    for (const json of [EVERY_KIND, broken, ...builtIns]) expect(wellFormedKeys(json)).toBe(check(json));
    expect(wellFormedKeys(EVERY_KIND)).toBe(allKeys(EVERY_KIND));
  });
});
