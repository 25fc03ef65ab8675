// Why a command was refused, as a code with its data; the sentence the player reads is
// made from them here and nowhere else. Screens match the code, never the sentence.
import { boxes, capitalise } from '../words.js';

/** Every reason a command can be refused. */
export const REFUSAL_CODES = [
  'badCommand',
  'nothingToUndo',
  'undoInReplay',
  'undoNotAMove',
  'runOver',
  'unknownValue',
  'alreadyArrived',
  'beyondLookahead',
  'alreadyHasBlock',
  'largerThanMemory',
  'badPlacement',
  'outOfMemory',
  'freeNull',
  'noSuchBox',
  'nothingToFree',
  'leaked',
  'programEnded',
  'needsBlock',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** What each refusal carries besides its code. */
interface RefusalData {
  /** The command text could not be read; the parser says why. */
  badCommand: { reason: string };
  nothingToUndo: object;
  undoInReplay: object;
  undoNotAMove: object;
  runOver: object;
  unknownValue: { id: string };
  alreadyArrived: { id: string; arrive: number };
  beyondLookahead: { id: string; arrive: number; lookahead: number };
  alreadyHasBlock: { id: string; addr: number };
  largerThanMemory: { size: number; usable: number };
  /** The boxes asked for are not free; `problem` says which (from the memory). */
  badPlacement: { id: string; at: number; problem: string };
  outOfMemory: { id: string; size: number; largest: number };
  freeNull: object;
  noSuchBox: { addr: number; memory: number };
  nothingToFree: { id: string };
  /** The block's value was out of reach when tick `since` ran: the program holds no pointer to it. */
  leaked: { id: string; addr: number; since: number };
  programEnded: object;
  needsBlock: { tick: number; ids: readonly string[] };
}

export type Refusal = { [C in RefusalCode]: { code: C } & RefusalData[C] }[RefusalCode];

/** A refused command: the code to match, and the sentence to show. Nothing changed. */
export interface Refused {
  ok: false;
  code: RefusalCode;
  error: string;
}

type Sentences = { [C in RefusalCode]: (r: { code: C } & RefusalData[C]) => string };

const SENTENCES: Sentences = {
  badCommand: (r) => r.reason,
  nothingToUndo: () => 'Nothing to undo.',
  undoInReplay: () => 'A replay does not store undo.',
  undoNotAMove: () => 'undo is handled by the game, not as a move.',
  runOver: () => 'The run is over: undo, or start again.',
  unknownValue: (r) => `There is no value called ${r.id}.`,
  alreadyArrived: (r) => `${r.id} already arrived at tick ${r.arrive}; a block is reserved before a value arrives.`,
  beyondLookahead: (r) => `${r.id} arrives at tick ${r.arrive}, further ahead than you can see (${r.lookahead} ticks).`,
  alreadyHasBlock: (r) => `${r.id} already has a block at ${r.addr}; free it first to move it.`,
  largerThanMemory: (r) => `${r.size} boxes is more than all of memory (${r.usable} usable boxes).`,
  badPlacement: (r) => `Can't put ${r.id} at ${r.at}: ${r.problem}.`,
  outOfMemory: (r) => `${capitalise(outOfMemoryText(r.id, r.size, r.largest))}.`,
  freeNull: () => 'Free 0 is free(NULL): it does nothing.',
  noSuchBox: (r) => `Box ${r.addr} does not exist (memory is boxes 0 to ${r.memory - 1}).`,
  nothingToFree: (r) => `Nothing to free: ${r.id} has no block yet.`,
  leaked: (r) =>
    `Can't free ${r.id}'s block at ${r.addr}: ${r.id} was already out of reach when tick ${r.since} ran, so the program holds no pointer to it any more (a leak). Undo to go back to before that tick, when it could still be freed.`,
  programEnded: () => 'The program has ended: type end to finish.',
  needsBlock: (r) =>
    `Tick ${r.tick} needs a block for ${r.ids.join(', ')}: malloc ${r.ids.length === 1 ? 'it' : 'them'} first.`,
};

/** The sentence for a refusal. */
export function refusalText(r: Refusal): string {
  return (SENTENCES[r.code] as (r: Refusal) => string)(r);
}

export function refused(r: Refusal): Refused {
  return { ok: false, code: r.code, error: refusalText(r) };
}

/** The out-of-memory sentence, for the log and the refusal alike; `after` tells what was tried first. */
export function outOfMemoryText(id: string, size: number, largest: number, after = ''): string {
  return `out of memory: ${id} needs ${boxes(size)} in a row, and ${after}the largest free run is ${largest}`;
}

/** The log's last line when a run crashes out of memory. */
export function outOfMemoryCrashText(tick: number): string {
  return `Out of memory at tick ${tick}: the run crashed.`;
}
