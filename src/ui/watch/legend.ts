// The watch screen's words for what the collector draws: the legend under the grid, the
// pause's name in the status line, where the collector is in its cycle, and how often it stopped.
import { plural, type Runtime } from '../../engine/index.js';
import { BOUNDARY, FLOATING, REMEMBERED } from './cells.js';

const range = (s: { start: number; end: number }) => `${s.start}–${s.end - 1}`;

export function legend(rt: Runtime): string {
  switch (rt.collector) {
    case 'mark-sweep':
      return '○ white: not reached  ◐ grey: reached  ● black: pointers read  × swept  + allocated';
    case 'mark-compact':
      return '○ white  ◐ grey  ● black  ↓ new address  * pointer rewritten  → slid  × dropped  + allocated';
    case 'refcount':
      return 'n·id: reference count  ± count changed  × freed at zero  + allocated';
    case 'copying': {
      const h = rt.view.half;
      return `${h ? `half ${h.start}–${h.end - 1} in use  ` : ''}→ copied  * pointer rewritten  + bump-allocated`;
    }
    case 'generational': {
      const g = rt.view.generations;
      const where = g
        ? `nursery ${range(g.current)} (current) ${BOUNDARY} ${range(g.other)} ${BOUNDARY} old ${range(g.old)}  `
        : '';
      return `${where}n·id age  ${REMEMBERED} remembered  → copied  ⇑ promoted  ! barrier`;
    }
    case 'incremental':
      return `○ white ◐ grey ● black (kept between slices) · ${FLOATING} floating garbage · ! barrier greyed · × swept`;
  }
}

/** The pause's name in the status line: minor and major collections told apart. */
export function pauseName(rt: Runtime): string {
  switch (rt.view.pause?.kind) {
    case 'minor':
      return 'MINOR PAUSE';
    case 'major':
      return 'MAJOR PAUSE';
    case 'slice':
      return 'SLICE';
    case 'finalization':
      return 'FINAL PAUSE';
    case 'full':
      return 'FULL PAUSE';
    default:
      return 'PAUSE';
  }
}

/**
 * How many times the collector has stopped the program so far: collections for a tracing
 * collector, pauses for refcount (a tick whose count changes took more than the tick) and
 * incremental (each slice); null for generational, whose minor and major counts say it.
 */
export function collectionsText(rt: Runtime): string | null {
  switch (rt.collector) {
    case 'generational':
      return null;
    case 'refcount':
    case 'incremental':
      return plural(rt.view.collections, 'pause');
    default:
      return plural(rt.view.collections, 'collection');
  }
}

/** What the collector is doing between pauses, when it keeps state across ticks. */
export function cycleText(rt: Runtime): string | null {
  const { view } = rt;
  if (view.cycle) return `cycle: ${view.cycle === 'mark' ? 'marking' : 'sweeping'}`;
  if (view.generations) return `minor ${view.generations.minors} · major ${view.generations.majors}`;
  return null;
}
