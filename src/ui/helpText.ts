// The in-game help: the rules and the keys, in the game's own words. Pages, so that each
// fits an 80×24 terminal.
import { COMMAND_HELP } from '../engine/index.js';
import type { CompiledLevel } from '../engine/index.js';
import { keyHelpLines } from './play/keymap.js';

export interface HelpPage {
  title: string;
  lines: string[];
}

export const HELP_PAGES: HelpPage[] = [
  {
    title: 'The idea',
    lines: [
      'Memory is a column of numbered boxes (cubbies), one byte of 8 bits each.',
      'Box 0 is NULL: it is never handed out, and a pointer holding 0 points nowhere.',
      '',
      'A level is a small program. Values arrive, the program reads them, and their',
      'variables go out of scope. You manage its memory by hand:',
      '  • before a value arrives, malloc a block of boxes for it (you choose where);',
      '  • after its last use, free the block, so the boxes can be used again.',
      'Free too early and the program reads whoever lives there now (use after free).',
      'Never free and memory fills up (a leak, then out of memory).',
      '',
      'Each tick runs four phases: values arrive and are written into their blocks;',
      'pointer fields are set; the program reads values; variables go out of scope.',
      'You act between ticks; the header says which tick runs next. "program ahead"',
      "shows the next ticks, only as far as the level lets you see: past that, a value's",
      'future is "?". A free that a read in sight proves wrong is asked about first.',
      '"encoder ring" shows how the value at hand becomes bytes and bits (UTF-8 for',
      'text, little-endian binary for numbers), and on a read, how the bytes found',
      'in memory decode back.',
    ],
  },
  {
    title: 'Keys',
    lines: [...keyHelpLines()],
  },
  {
    title: 'Commands',
    lines: [
      ...COMMAND_HELP.flatMap(([usage, what]) => [`${usage}`, `    ${what}`]),
      '',
      'Addresses are decimal or 0x hexadecimal: malloc age @12, malloc age @0x0c.',
      'The commands you type are your replay: your best run is saved with them.',
    ],
  },
  {
    title: 'What can go wrong (each counts against your score)',
    lines: [
      'use after free  the program reads, or writes a pointer into, a freed value:',
      "                it gets the bytes now at that address (someone else's data).",
      'corrupt read    a value still allocated was overwritten by someone else.',
      'overflow        a value was written into a block smaller than itself: the',
      '                extra bytes landed in the boxes after it.',
      'double free     a block was freed twice (through a stale id or address).',
      'invalid free    free of an address where no block starts.',
      'out of memory   an arriving value fits nowhere: free something or give up.',
      'leak            allocated memory nothing can reach any more. Free a value in',
      '                the gap right after its scope ends at the latest: after the',
      '                next tick it is leaked, and free refuses (u takes it back).',
      '                Whatever is still allocated at the end counts as leaked.',
      '',
      'Security holes (!!), counted besides the bug that opened them:',
      "secret leaked   a read decoded bytes a secret (a password) wrote: it's out.",
      'attacker read   a trusted value decoded bytes an untrusted one wrote: the',
      '                attacker now steers the program.',
    ],
  },
  {
    title: 'Score and stars',
    lines: [
      'score = 1000 − 100 per bug − 300 per security hole − 20 per pause tick',
      '        − garbage box-ticks ÷ 2',
      "        − 5 per box of peak memory above the perfect programmer's",
      '(garbage box-ticks: boxes held by unreachable values, summed over ticks;',
      ' a crash scores 0)',
      '',
      '★    you finished the program',
      '★★   ... with no bugs, no security hole and nothing leaked at the end',
      "★★★  ... and a score at least the garbage collector's on the same level",
      "(stars are the player's: a collector gets none)",
      '',
      'The end screen lists where every lost point went, adding up to 1000 minus the',
      'score, and shows your run beside the oracle (a perfect programmer) and the',
      "level's garbage collector: it never makes a mistake, but it pays in work,",
      'pauses and memory held. p there shows the par: a run that finishes the level.',
      'The next level opens once you have one star.',
    ],
  },
];

/**
 * The level's own page: its intro, and the hints the player asked for so far (hints come
 * one at a time, on request, with i), when it has any.
 */
export function levelHelpPage(level: CompiledLevel, hintsShown = 0): HelpPage | null {
  const { intro, hints = [] } = level.source;
  if (!intro && hints.length === 0) return null;
  const lines: string[] = [];
  if (intro) lines.push(intro);
  if (hints.length > 0) {
    if (intro) lines.push('');
    const shown = Math.min(hintsShown, hints.length);
    lines.push(
      shown === 0
        ? `This level has ${hints.length} hint${hints.length === 1 ? '' : 's'}: press i during play for one.`
        : `Hints so far (${shown} of ${hints.length}; i for ${shown < hints.length ? 'the next' : 'them again'}):`,
    );
    for (const h of hints.slice(0, shown)) lines.push(`• ${h}`);
  }
  return { title: `This level: ${level.title}`, lines };
}

/** The help pages for playing a level: its own page first, then the game's. */
export function helpPagesFor(level: CompiledLevel, hintsShown = 0): HelpPage[] {
  const own = levelHelpPage(level, hintsShown);
  return own ? [own, ...HELP_PAGES] : HELP_PAGES;
}
