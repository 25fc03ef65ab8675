// `cubbies solve <level> [--json]`: the level's par, as a replay. The oracle's run when
// first fit with perfect timing finishes, else the solver's placements. Exit 1 for an
// invalid level (one no one can finish is invalid too).
import { parOf, parRun, scoreRun } from '../../engine/index.js';
import { loadLevel } from '../../levels/load.js';

export interface SolveOptions {
  level: string;
  json: boolean;
}

export async function solve(options: SolveOptions): Promise<number> {
  const loaded = loadLevel(options.level);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  const level = loaded.loaded.level;
  const par = parOf(level);
  const state = parRun(level);
  if (!par.ok || !state) {
    process.stderr.write(`${par.ok ? 'The par did not replay.' : `${par.error}.`}\n`);
    return 1;
  }
  const m = scoreRun(level, state);
  if (options.json) {
    const out = { level: level.id, by: par.by, nodes: par.nodes, score: m.score, peak: m.peak, commands: par.commands };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const by =
    par.by === 'oracle'
      ? 'the oracle: first fit finishes it with perfect timing'
      : `the solver: first fit runs out of memory, and this placement (found after ${par.nodes} placements tried) finishes it`;
  process.stdout.write(`Par for "${level.title}" (${level.id}), by ${by}.\n`);
  process.stdout.write(`Score ${m.score}, peak ${m.peak} boxes.\n\n`);
  for (const c of par.commands) process.stdout.write(`${c}\n`);
  return 0;
}
