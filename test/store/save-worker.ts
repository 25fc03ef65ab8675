// One of several processes saving at once (see concurrent.test.ts): waits for the start
// time, then records and saves its runs one by one, each through a fresh load like a game
// finishing a level. Args: <dir> <worker> <runs> <startAtMs>.
import { loadProgress, saveProgress } from '../../src/store/progress-file.js';
import { recordRun } from '../../src/store/progress.js';

const [dir, worker, runs, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
for (let i = 0; i < Number(runs); i++) {
  const { progress } = loadProgress(dir);
  // Every worker also plays the shared level, with its own score: only the best may stay.
  const mine = recordRun(progress, { levelId: `w${worker}-l${i}`, hash: 'h', score: i, stars: 1, commands: ['end'] });
  const both = recordRun(mine, {
    levelId: 'shared',
    hash: 'h',
    score: Number(worker) * 10 + i,
    stars: 1,
    commands: [],
  });
  const saved = saveProgress(both, dir);
  if (!saved.ok) {
    process.stderr.write(`${saved.message}\n`);
    process.exit(1);
  }
}
