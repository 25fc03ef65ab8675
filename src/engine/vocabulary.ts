// Each word of the game, defined once: the kinds of bug, crash and log line, the
// collectors, and the metrics every run reports. Everything else (types, sets, display
// names, which metrics are better low or high) is derived from these tables, so a new
// word is added here and nowhere else.

/** The bugs a manual run can make, under the names --json prints, with their plain names. */
export const BUG_KINDS = ['useAfterFree', 'corruptRead', 'doubleFree', 'invalidFree', 'overflow'] as const;
export type BugKind = (typeof BUG_KINDS)[number];
export const BUG_NAMES: Readonly<Record<BugKind, string>> = {
  useAfterFree: 'use after free',
  corruptRead: 'corrupt read',
  doubleFree: 'double free',
  invalidFree: 'invalid free',
  overflow: 'overflow',
};

/** Security holes, each counted besides the bug that opened it: a secret's bytes read by
 * another value, and a trusted value reading bytes an untrusted one wrote. */
export const SECURITY_KINDS = ['secretsLeaked', 'attackerReads'] as const;
export type SecurityKind = (typeof SECURITY_KINDS)[number];
export const SECURITY_NAMES: Readonly<Record<SecurityKind, string>> = {
  secretsLeaked: 'secret leaked',
  attackerReads: 'attacker-controlled read',
};

/** How a run can crash: out of memory, or the player gave up. */
export const CRASH_KINDS = ['oom', 'abort'] as const;
export type CrashKind = (typeof CRASH_KINDS)[number];
export type Crash = null | CrashKind;
export const CRASH_NAMES: Readonly<Record<CrashKind, string>> = {
  oom: 'out of memory',
  abort: 'gave up',
};

/** Consequences: what went wrong, each counted and shown in the log with what really happened. */
export const CONSEQUENCE_KINDS = [...BUG_KINDS, ...SECURITY_KINDS, 'oom', 'leak'] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];
export const CONSEQUENCE_NAMES: Readonly<Record<ConsequenceKind, string>> = {
  ...BUG_NAMES,
  ...SECURITY_NAMES,
  oom: CRASH_NAMES.oom,
  leak: 'leak',
};

/** Routine log lines: what the program, the player and the collector did. */
export const ROUTINE_KINDS = ['malloc', 'free', 'arrive', 'set', 'use', 'drop', 'end', 'collect', 'barrier'] as const;
export type RoutineKind = (typeof ROUTINE_KINDS)[number];

/** Every kind of log line. */
export const LOG_KINDS = [...ROUTINE_KINDS, ...CONSEQUENCE_KINDS] as const;
export type LogKind = (typeof LOG_KINDS)[number];

const bugSet: ReadonlySet<string> = new Set(BUG_KINDS);
const securitySet: ReadonlySet<string> = new Set(SECURITY_KINDS);
const consequenceSet: ReadonlySet<string> = new Set(CONSEQUENCE_KINDS);

export function isBugKind(kind: string): kind is BugKind {
  return bugSet.has(kind);
}

/** A security hole among the consequences: shown in a colour of its own. */
export function isSecurityKind(kind: string): kind is SecurityKind {
  return securitySet.has(kind);
}

export function isConsequence(kind: string): kind is ConsequenceKind {
  return consequenceSet.has(kind);
}

/** Where a run's points go: a bug, a security hole, a pause, garbage, the peak, a crash; `floor` gives back what the score's floor at 0 forgives. */
export const PENALTY_CAUSES = ['bug', 'security', 'pause', 'garbage', 'peak', 'crash', 'floor'] as const;
export type PenaltyCause = (typeof PENALTY_CAUSES)[number];

/** How hard a generated puzzle is: `hard` means first fit runs out of memory. */
export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The automatic runtime's collectors. */
export const COLLECTORS = ['mark-sweep', 'mark-compact', 'refcount', 'copying', 'generational', 'incremental'] as const;
export type CollectorName = (typeof COLLECTORS)[number];

/** The moments of a run a review steps through: the start, each malloc and free, each tick, each collection's start and end, the end. */
export const MOMENT_KINDS = ['start', 'malloc', 'free', 'tick', 'collect', 'collected', 'end'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

/** What a review marks on its timeline and jumps between with [ and ]. */
export const REVIEW_EVENT_KINDS = ['bug', 'security', 'leak', 'pause', 'crash'] as const;
export type ReviewEventKind = (typeof REVIEW_EVENT_KINDS)[number];

/** The runs a review can show besides each collector's: the player's, the oracle's and the par. */
export const PROGRAMMER_RUNS = ['you', 'oracle', 'par'] as const;
export type ProgrammerRun = (typeof PROGRAMMER_RUNS)[number];

/** Which way a metric is better: lower, higher, or neither (a fact, not a goal). */
export type Better = 'low' | 'high' | null;

/** The metrics every run reports, in the order they are printed, under their --json names. */
export const METRICS = [
  { name: 'completed', display: 'completed', better: null },
  { name: 'crash', display: 'crash', better: null },
  { name: 'ticks', display: 'ticks', better: null },
  { name: 'pauseTicks', display: 'pause ticks', better: 'low' },
  { name: 'pauses', display: 'pauses', better: 'low' },
  { name: 'longestPause', display: 'longest pause', better: 'low' },
  { name: 'work', display: 'work', better: 'low' },
  { name: 'peak', display: 'peak', better: 'low' },
  { name: 'garbageBoxTicks', display: 'garbage box-ticks', better: 'low' },
  { name: 'leakedAtEnd', display: 'leaked at end', better: 'low' },
  { name: 'mmu', display: 'minimum mutator utilization', better: 'high' },
  { name: 'bugs', display: 'bugs', better: 'low' },
  { name: 'security', display: 'security holes', better: 'low' },
  { name: 'score', display: 'score', better: 'high' },
  { name: 'stars', display: 'stars', better: null },
  { name: 'penalties', display: 'points lost', better: null },
] as const satisfies readonly { name: string; display: string; better: Better }[];
export type MetricName = (typeof METRICS)[number]['name'];

const metricByName = new Map<string, (typeof METRICS)[number]>(METRICS.map((m) => [m.name, m]));

/** Which way the metric is better; each bug kind and security kind counts as one (lower is better). */
export function betterOf(name: MetricName | BugKind | SecurityKind): Better {
  return isBugKind(name) || isSecurityKind(name) ? 'low' : (metricByName.get(name)?.better ?? null);
}
