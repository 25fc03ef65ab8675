import { describe, expect, it } from 'vitest';
import { InvariantError, nth, present } from '../../src/engine/invariant.js';

describe('nth: an index the engine keeps in range', () => {
  it('returns the element at an index in range, of arrays and typed arrays', () => {
    expect(nth(['a', 'b', 'c'], 2)).toBe('c');
    expect(nth(new Uint8Array([7, 0, 9]), 1)).toBe(0);
    expect(nth([null], 0)).toBeNull();
  });

  it('throws an InvariantError naming the index and length when it is out of range', () => {
    expect(() => nth([1, 2], 2)).toThrow(InvariantError);
    expect(() => nth([1, 2], -1)).toThrow('index -1 is out of range (length 2)');
    expect(() => nth(new Int32Array(0), 0)).toThrow(InvariantError);
    // Its name tells an engine bug from any other error in a report.
    expect(() => nth([], 0)).toThrow(expect.objectContaining({ name: 'InvariantError' }));
  });
});

describe('present: the same check on an element the caller read', () => {
  it('passes on what was there, 0 and null included', () => {
    const list = [4, 0, null];
    expect(present(list[0])).toBe(4);
    expect(present(new Int32Array([0])[0])).toBe(0);
    expect(present(list[2])).toBeNull();
  });

  it('throws an InvariantError when the read found nothing', () => {
    const list = [1, 2];
    expect(() => present(list[2])).toThrow('a list was read past its end');
    expect(() => present(new Uint8Array(1)[3])).toThrow(InvariantError);
  });
});
