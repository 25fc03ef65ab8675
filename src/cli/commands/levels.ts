// `cubbies levels [--json]`: the campaign, in order, with the player's best scores.
import { loadBuiltIns } from '../../levels/load.js';
import { bestRun, isCompleted, isOpenInCampaign, levelHash } from '../../store/progress.js';
import { loadProgress } from '../../store/progress-file.js';
import { starRule, stars } from '../../engine/index.js';

export interface LevelsOptions {
  json: boolean;
}

export async function levels(options: LevelsOptions): Promise<number> {
  const { levels: list, problems } = loadBuiltIns();
  const { progress, warning } = loadProgress();
  if (warning) process.stderr.write(`${warning}\n`);
  const ids = list.map((l) => l.json.id);
  const rows = list.map((l, i) => {
    const best = bestRun(progress, l.json.id, levelHash(l.json));
    const unlocked = isOpenInCampaign((id) => isCompleted(progress, id), ids, i);
    return {
      number: i + 1,
      id: l.json.id,
      title: l.json.title,
      memory: l.json.memory,
      ticks: l.json.ticks,
      values: l.json.values.length,
      collector: l.level.gc.collector,
      unlocked,
      bestScore: best?.score ?? null,
      stars: best?.stars ?? 0,
    };
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ levels: rows, problems }, null, 2)}\n`);
  } else {
    const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
    const titleWidth = Math.max(5, ...rows.map((r) => r.title.length));
    process.stdout.write(
      `${'#'.padStart(2)}  ${'id'.padEnd(idWidth)}  ${'title'.padEnd(titleWidth)}  boxes    best  stars\n`,
    );
    for (const r of rows) {
      const best = r.bestScore === null ? (r.unlocked ? '-' : 'locked') : String(r.bestScore);
      process.stdout.write(
        `${String(r.number).padStart(2)}  ${r.id.padEnd(idWidth)}  ${r.title.padEnd(titleWidth)}  ${String(r.memory).padStart(5)}  ${best.padStart(6)}  ${stars(r.stars)}\n`,
      );
    }
    process.stdout.write(`stars: ${starRule("the level's collector")}\n`);
    for (const p of problems) process.stderr.write(`${p}\n`);
  }
  return problems.length > 0 ? 1 : 0;
}
