// Copying collection, pinned on a level worked out by hand (HEAD_JUNK_TAIL): a rewritten
// pointer's step touches the pointer's own box, not the whole block that holds it; and a
// run resumed quietly (not animated) yields no step of its collection, only the gaps, while
// telling the same story in its log. Each test makes its own run, so a mutation testing
// run sees which tests reach which code.
import { describe, expect, it } from 'vitest';
import { createRuntime, resumeRuntime, runCollector, type Step } from '../../../src/engine/runtime/index.js';
import { HEAD_JUNK_TAIL } from './hand-levels.js';
import { compile } from './helpers.js';

describe('copying, pinned', () => {
  it("shows a rewritten pointer on the pointer's box only", () => {
    // gap 2: head (3 boxes) is copied to 16; its pointer, in box 16, leads to tail, copied
    // to 19; box 16 now says 19. Memory 32: pointers are 1 box wide.
    const level = compile(HEAD_JUNK_TAIL);
    const rt = createRuntime(level, 'copying', { verbose: false });
    const rewrites: Step[] = [];
    for (let s = rt.next(); s; s = rt.next()) if (s.kind === 'rewrite') rewrites.push(s);
    expect(rewrites).toEqual([
      {
        kind: 'rewrite',
        text: 'copy: the pointer in box 16 (head) now says 19',
        value: level.indexOf.get('head'),
        addr: 16,
        size: 1,
      },
    ]);
  });

  it('run quietly (resumed, not animated), yields no step but the gaps, and tells the same story', () => {
    const level = compile(HEAD_JUNK_TAIL);
    const rt = createRuntime(level, 'copying', { gaps: true, verbose: true });
    expect(rt.next()?.kind).toBe('gap');
    const snap = rt.snapshot();
    const quiet = resumeRuntime({ ...snap, ctx: { ...snap.ctx, animate: false } });
    const kinds: string[] = [];
    for (let s = quiet.next(); s; s = quiet.next()) kinds.push(s.kind);
    // One gap before each of the 5 ticks and one after the last.
    expect(kinds).toEqual(['gap', 'gap', 'gap', 'gap', 'gap', 'gap']);
    const texts = (state: typeof quiet.state) => state.log.map((e) => `t${e.tick} ${e.kind} ${e.text}`);
    expect(texts(quiet.state)).toEqual(texts(runCollector(level, 'copying', { verbose: true })));
    // The quiet run did collect: 2 blocks copied, 1 pointer rewritten, junk left behind.
    expect(quiet.state.log.filter((e) => e.kind === 'collect').map((e) => e.text)).toEqual([
      'copying: 2 blocks copied (6 boxes), 1 pointer rewritten, 1 dead block left behind (7 boxes); 7 units of work, pause 1 tick',
    ]);
  });
});
