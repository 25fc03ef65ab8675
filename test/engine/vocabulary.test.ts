// The game's words, defined once: the tables agree with what runs actually report.
import { describe, expect, it } from 'vitest';
import { compileLevel } from '../../src/engine/level/compile.js';
import { LevelSchema } from '../../src/engine/level/schema.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { initialState, totalBugs } from '../../src/engine/run/state.js';
import { metricsOf } from '../../src/engine/scoring/metrics.js';
import {
  BUG_KINDS,
  BUG_NAMES,
  betterOf,
  COLLECTORS,
  CONSEQUENCE_KINDS,
  CONSEQUENCE_NAMES,
  isBugKind,
  isConsequence,
  isSecurityKind,
  LOG_KINDS,
  METRICS,
  SECURITY_KINDS,
} from '../../src/engine/vocabulary.js';
import { boxes, capitalise, endSentence, plural, stars } from '../../src/engine/words.js';

const lv = compileLevel({
  id: 'words',
  title: 'Words',
  memory: 16,
  ticks: 2,
  values: [{ id: 'a', value: 7, arrive: 0, uses: [1] }],
});

describe('vocabulary', () => {
  it('counts every bug kind, and only those, in a fresh run', () => {
    const bugs = initialState(lv, true).bugs;
    expect(Object.keys(bugs).sort()).toEqual([...BUG_KINDS].sort());
    expect(Object.keys(BUG_NAMES).sort()).toEqual([...BUG_KINDS].sort());
  });

  it('sums every bug kind in totalBugs', () => {
    const bugs = initialState(lv, true).bugs;
    BUG_KINDS.forEach((k, i) => {
      bugs[k] = i + 1;
    });
    expect(totalBugs(bugs)).toBe((BUG_KINDS.length * (BUG_KINDS.length + 1)) / 2);
  });

  it('names every consequence, and the consequences are log kinds', () => {
    for (const k of CONSEQUENCE_KINDS) {
      expect(CONSEQUENCE_NAMES[k]).toMatch(/^[a-z -]+$/);
      expect(LOG_KINDS).toContain(k);
      expect(isConsequence(k)).toBe(true);
    }
    expect(isConsequence('malloc')).toBe(false);
    expect(isBugKind('leak')).toBe(false);
    expect(isBugKind('doubleFree')).toBe(true);
    expect(new Set(LOG_KINDS).size).toBe(LOG_KINDS.length);
  });

  it('lists exactly the metrics a run reports (the timeline aside)', () => {
    const { state } = playCommands(lv, ['malloc a', 'step', 'step', 'free a', 'end']);
    const m = metricsOf(lv, state, 1, null);
    expect(METRICS.map((x) => x.name).sort()).toEqual(
      Object.keys(m)
        .filter((k) => k !== 'timeline')
        .sort(),
    );
  });

  it('says which way each metric is better, bug kinds low', () => {
    expect(betterOf('peak')).toBe('low');
    expect(betterOf('mmu')).toBe('high');
    expect(betterOf('score')).toBe('high');
    expect(betterOf('ticks')).toBeNull();
    for (const k of BUG_KINDS) expect(betterOf(k)).toBe('low');
    for (const k of SECURITY_KINDS) expect(betterOf(k)).toBe('low');
  });

  it('counts every security kind, and only those, in a fresh run; they are consequences, not bugs', () => {
    expect(Object.keys(initialState(lv, true).security).sort()).toEqual([...SECURITY_KINDS].sort());
    for (const k of SECURITY_KINDS) {
      expect(isSecurityKind(k)).toBe(true);
      expect(isConsequence(k)).toBe(true);
      expect(isBugKind(k)).toBe(false);
    }
    expect(isSecurityKind('useAfterFree')).toBe(false);
  });

  it('gives the level schema the collectors from the vocabulary', () => {
    expect(JSON.stringify(LevelSchema)).toContain(JSON.stringify([...COLLECTORS]));
  });
});

describe('words', () => {
  it('counts with the right noun', () => {
    expect(plural(1, 'tick')).toBe('1 tick');
    expect(plural(0, 'tick')).toBe('0 ticks');
    expect(plural(2, 'more problem', 'more problems')).toBe('2 more problems');
    expect(boxes(1)).toBe('1 box');
    expect(boxes(3)).toBe('3 boxes');
  });

  it('draws three stars, filled for the ones earned', () => {
    expect(stars(0)).toBe('☆☆☆');
    expect(stars(2)).toBe('★★☆');
    expect(stars(3)).toBe('★★★');
    // A collector's run earns none: a dash, not three empty stars.
    expect(stars(null)).toBe('-');
  });

  it('makes a sentence', () => {
    expect(capitalise('no room')).toBe('No room');
    expect(endSentence('No room')).toBe('No room.');
    expect(endSentence('Why?')).toBe('Why?');
  });
});
