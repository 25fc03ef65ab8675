// Every campaign level has a par (the oracle's run, or the solver's on a puzzle), and
// replaying it earns three stars.
import { describe, expect, it } from 'vitest';
import { scoreRun } from '../../src/engine/scoring/compare.js';
import { parOf, parRun } from '../../src/engine/solver/par.js';
import { perfectPeak } from '../../src/engine/solver/perfect-timing.js';
import { playCommands } from '../../src/engine/run/headless.js';
import { campaignFiles, loadCampaignLevel } from './campaign.js';

describe('the par of every campaign level', () => {
  for (const file of campaignFiles()) {
    it(`${file}: the par replays to a clean finish at the perfect peak, with three stars`, () => {
      const { level } = loadCampaignLevel(file);
      const par = parOf(level);
      expect(par.ok).toBe(true);
      if (!par.ok) return;
      const replay = playCommands(level, par.commands);
      expect(replay.problems).toEqual([]);
      const m = scoreRun(level, parRun(level)!);
      expect(m.completed).toBe(true);
      expect(m.peak).toBe(perfectPeak(level));
      expect(m.leakedAtEnd).toBe(0);
      expect(m.stars).toBe(3);
      expect(m.penalties.reduce((n, p) => n + p.points, 0)).toBe(1000 - m.score);
    });
  }
});
