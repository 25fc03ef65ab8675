// `cubbies compare <level> [--replay FILE] [--gc C[,C...]|all] [--json]`.
// Needs no terminal: prints the metrics table and the memory chart, or JSON.
// Exit 1 for an invalid level or replay file.
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { CollectorName, Comparison } from '../../engine/index.js';
import { compareLevel } from '../../engine/index.js';
import { checkLevelText, loadedFromText, looksLikePath, readLevelText, uncertified } from '../../levels/load.js';
import { type SharedComparison, startSharedComparison, worthSharing } from '../compare-threads.js';
import { levelAndPlayer, type LevelAndPlayer, playerRun } from '../player-run.js';
import { shellWord } from '../program.js';
import { comparisonJson, formatComparison } from '../report.js';

export interface CompareOptions {
  level: string;
  replay?: string;
  /** Collectors to run, in order; absent means the level's default collector. */
  gc?: CollectorName[];
  json: boolean;
}

/** A comparison that takes longer than this shows its progress on a terminal. */
const PROGRESS_AFTER_MS = 1000;

/**
 * A comparison runs each of its programs once, for tens of thousands of ticks, and V8's
 * optimising compiler spent about a fifth of its CPU on compiling them (a second of 4.4 on a
 * 100,000-value level, on helper threads that wait for the same two cores the runs need),
 * the more the deeper it inlines. A smaller inlining budget and no loop peeling make that
 * work lighter and hardly slow the code it makes: measured end to end on that level,
 * about 7% less time and 9% less CPU.
 * V8 reads both at each compilation, so they apply from now on, on both threads.
 */
function lighterOptimisation(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
  setFlagsFromString('--no-turbo-loop-peeling');
}

export async function compare(options: CompareOptions): Promise<number> {
  // The second counts from here: reading, validating and compiling a big level are part of the wait.
  const started = Date.now();
  lighterOptimisation();
  // The path of a level file whose certificate is left to the comparison (see fromFile).
  const certifyAfter = looksLikePath(options.level) ? resolve(options.level) : null;
  const { found, share } = certifyAfter
    ? fromFile(certifyAfter, options)
    : { found: levelAndPlayer(options.level, options.replay || undefined), share: null };
  if (!found.ok) {
    share?.stop();
    process.stderr.write(`${found.message}\n`);
    return 1;
  }
  const { level, player, playerName } = found;
  // Progress on stderr, when a person is watching and it has taken over a second: one line,
  // rewritten as each run starts, erased at the end. The timer shows it at the second when
  // this thread is waiting for the worker's last runs then, with no run of its own to start.
  let latest: string | null = null;
  let shown = false;
  const show = () => {
    if (latest === null || process.stderr.isTTY !== true) return;
    shown = true;
    process.stderr.write(`\r\u001b[K${latest}`);
  };
  const onRun = (name: string, done: number, total: number) => {
    latest = `comparing: ${name} (${done + 1} of ${total})…`;
    if (Date.now() - started >= PROGRESS_AFTER_MS) show();
  };
  const timer = setTimeout(show, Math.max(0, started + PROGRESS_AFTER_MS - Date.now()));
  let comparison: Comparison;
  try {
    comparison = share
      ? await share.compare(level, { ...(player ? { player } : {}), playerName, onRun })
      : compareLevel(level, { player, playerName, collectors: options.gc ?? [level.gc.collector], onRun });
  } finally {
    clearTimeout(timer);
  }
  if (shown) process.stderr.write('\r\u001b[K');
  // A level read without certifying it is valid when its oracle finishes, else when the solver does.
  const oracleFinished = comparison.runs.some((r) => r.kind === 'oracle' && r.metrics.crash === null);
  const unsolvable = certifyAfter && !oracleFinished ? uncertified(certifyAfter, found.json) : null;
  if (unsolvable) {
    process.stderr.write(`${unsolvable}\n`);
    return 1;
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(comparisonJson(comparison))}\n`);
  } else {
    if (!player)
      process.stdout.write(
        `No saved run of ${level.id} yet: play it with \`cubbies play ${shellWord(options.level)}\`, or pass --replay FILE.\n`,
      );
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(formatComparison(comparison, { color, width: process.stdout.columns ?? 80 }));
  }
  return comparison.replayProblems.length > 0 ? 1 : 0;
}

/**
 * A level file and the player's run of it, as `levelAndPlayer` gives them, and the
 * comparison's second thread when the level is big enough: started before the file is
 * read, so that it boots meanwhile, and given the text as soon as it is (before it is validated).
 */
function fromFile(path: string, options: CompareOptions): { found: LevelAndPlayer; share: SharedComparison | null } {
  const share = worthSharing(path) ? startSharedComparison(options.gc ?? null) : null;
  const read = readLevelText(path);
  if (!read.ok) {
    share?.stop();
    return { found: read, share: null };
  }
  share?.give(read.text);
  const found = ((): LevelAndPlayer => {
    // Certified after the comparison instead: its oracle run is the certificate's first try.
    const checked = checkLevelText(path, read.text, { certify: false });
    if (!checked.ok) return checked;
    const { level, json } = loadedFromText(path, checked.json, false, checked.ids);
    const player = playerRun(level, json, options.replay || undefined);
    if (!player.ok) return player;
    return { ok: true, level, json, player: player.commands, playerName: player.name };
  })();
  return { found, share };
}
