// The program ahead, as pseudo-code: the events from the next tick to run, within the lookahead.
import { showPrimitive } from '../level/encoding.js';
import { tickEvents, type CompiledLevel, type CompiledValue } from '../level/compile.js';
import { hasLiveBlock, type RunState } from '../run/state.js';
import { nth } from '../invariant.js';

export type EventKind = 'arrive' | 'set' | 'use' | 'drop' | 'end';

export interface UpcomingEvent {
  tick: number;
  kind: EventKind;
  /** Pseudo-code, without the tick: `age = 42 (u8)`, `print(greeting)`, `} // greeting out of scope`. */
  text: string;
  value?: string;
  /** An arrival whose value has no block yet: the tick can't run until it gets one. */
  needsBlock?: boolean;
}

function typeName(v: CompiledValue): string {
  return v.prim ? v.prim.type : 'record';
}

/** A value as its declaration shows it: `42`, `"Hi"`, `{name: &greeting, age: 42}`. */
export function declaredValue(level: CompiledLevel, v: CompiledValue): string {
  if (v.prim) return showPrimitive(v.prim);
  const parts = v.fields.map(
    (f) => `${f.name}: ${f.prim ? showPrimitive(f.prim) : f.ref === null ? 'NULL' : `&${nth(level.values, f.ref).id}`}`,
  );
  return `{${parts.join(', ')}}`;
}

/**
 * The program's events from the next tick to run, within the lookahead, at most `limit`
 * lines. After the last tick comes one `end` line.
 */
export function upcomingEvents(level: CompiledLevel, state: RunState, limit = Infinity): UpcomingEvent[] {
  const out: UpcomingEvent[] = [];
  const end = Math.min(level.ticks, state.tick + level.lookahead);
  for (let t = state.tick; t < end && out.length < limit; t++) {
    const ev = tickEvents(level.program, t);
    for (const a of ev.arrive) {
      const v = nth(level.values, a);
      const e: UpcomingEvent = {
        tick: t,
        kind: 'arrive',
        text: `${v.id} = ${declaredValue(level, v)} (${typeName(v)})`,
        value: v.id,
      };
      if (!hasLiveBlock(state, a)) e.needsBlock = true;
      out.push(e);
    }
    for (const s of ev.sets) {
      const rec = nth(level.values, s.in);
      const field = nth(rec.fields, nth(rec.pointerFields, s.slot)).name;
      out.push({
        tick: t,
        kind: 'set',
        text: `${rec.id}.${field} = ${s.to === null ? 'NULL' : `&${nth(level.values, s.to).id}`}`,
        value: rec.id,
      });
    }
    for (const u of ev.uses)
      out.push({ tick: t, kind: 'use', text: `print(${nth(level.values, u).id})`, value: nth(level.values, u).id });
    for (const d of ev.drops)
      out.push({
        tick: t,
        kind: 'drop',
        text: `} // ${nth(level.values, d).id} out of scope`,
        value: nth(level.values, d).id,
      });
  }
  if (end === level.ticks && out.length < limit && state.tick <= level.ticks) {
    out.push({ tick: level.ticks, kind: 'end', text: 'end of program: every value still in scope goes out of scope' });
  }
  return out.slice(0, limit);
}
