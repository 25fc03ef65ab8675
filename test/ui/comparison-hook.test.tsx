// The comparison hook keeps each result with its request: when the request changes, the old
// result is never shown as the new one's, not even for one frame.
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { compareLevel } from '../../src/engine/scoring/compare.js';
import { type ComparisonRequest, useComparison } from '../../src/ui/useComparison.js';
import { fixture, tick } from './helpers.js';

const hello = fixture('hello.json');

function Probe({ req }: { req: ComparisonRequest }) {
  const p = useComparison(req, compareLevel);
  return <Text>{p?.status === 'done' ? p.comparison.runs.map((r) => r.name).join(',') : (p?.status ?? 'none')}</Text>;
}

describe('useComparison', () => {
  it("never shows the last request's comparison as the new one's", async () => {
    const one: ComparisonRequest = { level: hello, collectors: ['mark-sweep'] };
    const all: ComparisonRequest = { level: hello, collectors: ['mark-sweep', 'refcount'] };
    const r = render(<Probe req={one} />);
    for (let i = 0; i < 100 && r.lastFrame() !== 'oracle,mark-sweep'; i++) await tick(10);
    expect(r.lastFrame()).toBe('oracle,mark-sweep');
    r.rerender(<Probe req={all} />);
    const seen = new Set<string>();
    for (let i = 0; i < 100 && r.lastFrame() !== 'oracle,mark-sweep,refcount'; i++) {
      seen.add(r.lastFrame() ?? '');
      await tick(5);
    }
    seen.add(r.lastFrame() ?? '');
    expect(r.lastFrame()).toBe('oracle,mark-sweep,refcount');
    expect(seen.has('oracle,mark-sweep')).toBe(false);
    expect([...r.frames].slice(r.frames.indexOf('oracle,mark-sweep') + 1)).not.toContain('oracle,mark-sweep');
  });
});
