// The app: the title screen, the play screen and the automatic runtime's screen, with
// the player's progress (loaded once, saved after each finished run).
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useApp } from 'ink';
import { compareLevel, compileLevel, type Difficulty, type Level } from '../engine/index.js';
import type { LoadedLevel, LevelLoadResult } from '../levels/load.js';
import { bestRun, isCompleted, levelHash, recordRun, type Progress } from '../store/progress.js';
import { loadProgress, saveProgress } from '../store/progress-file.js';
import { PlayScreen, type CompareFn, type FinishedRun, type WatchProps } from './play/PlayScreen.js';
import { stars } from './text.js';
import { campaignOf, TitleScreen, type Puzzles } from './title/TitleScreen.js';

export interface AppDeps {
  /** The campaign, in order, and sentences about built-in levels that failed to load. */
  builtIns: () => { levels: LoadedLevel[]; problems: string[] };
  loadFile: (path: string) => LevelLoadResult;
  /** Where progress is kept (default: the store's own, $CUBBIES_HOME or the user data folder). */
  progressDir?: string;
  compare?: CompareFn;
  Watch?: ComponentType<WatchProps>;
  /** Makes a puzzle from a seed (the same seed, the same level); enables the daily and random puzzles. */
  generate?: (seed: number, difficulty: PuzzleDifficulty) => Level;
  /** Today, for the daily puzzle's seed (default: the clock, in local time). */
  today?: () => Date;
  /** A seed for a random puzzle (default: Math.random). */
  randomSeed?: () => number;
}

export type PuzzleDifficulty = Difficulty;

/** The daily puzzle's difficulty, and the random one's. */
export const DAILY_DIFFICULTY: PuzzleDifficulty = 'hard';
export const RANDOM_DIFFICULTY: PuzzleDifficulty = 'normal';

/** The local date as a seed and a label: 2026-12-01 is 20261201. */
export function dateSeed(d: Date): { seed: number; label: string } {
  const y = d.getFullYear();
  const m = d.getMonth() + 1;
  const day = d.getDate();
  const label = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { seed: y * 10000 + m * 100 + day, label };
}

/** A generated puzzle as a level to play, or the sentence saying why it could not be made. */
export function puzzleLevel(
  generate: NonNullable<AppDeps['generate']>,
  seed: number,
  difficulty: PuzzleDifficulty,
): LevelLoadResult {
  try {
    const json = generate(seed, difficulty);
    return { ok: true, loaded: { level: compileLevel(json), json, path: `puzzle:${json.id}`, builtIn: false } };
  } catch (error) {
    return {
      ok: false,
      message: `Couldn't make the puzzle for seed ${seed}: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
}

export type Start = { screen: 'title' } | { screen: 'play'; level: LoadedLevel };

const NO_LEVELS: LoadedLevel[] = [];

type Screen = { name: 'title' } | { name: 'play'; level: LoadedLevel; run: number };

export function App({ start, deps }: { start: Start; deps: AppDeps }) {
  const { exit } = useApp();
  const [{ progress, warning }, setStore] = useState<{ progress: Progress; warning?: string }>(() =>
    loadProgress(deps.progressDir),
  );
  // The warning goes to the first screen, which keeps it until the player moves on.
  const [warningShown, setWarningShown] = useState(false);
  useEffect(() => {
    if (warning) setWarningShown(true);
  }, [warning]);
  const builtIns = useBuiltIns(start, deps);
  const campaignLevels = builtIns?.levels ?? NO_LEVELS;
  const [screen, setScreen] = useState<Screen>(
    start.screen === 'title' ? { name: 'title' } : { name: 'play', level: start.level, run: 0 },
  );
  const compare = deps.compare ?? compareLevel;

  const hashOf = useCallback((l: LoadedLevel) => levelHash(l.json), []);
  const campaign = useMemo(
    () =>
      campaignOf(
        campaignLevels,
        (id) => isCompleted(progress, id),
        (l) => {
          const b = bestRun(progress, l.json.id, hashOf(l));
          return b ? { score: b.score, stars: b.stars, commands: b.commands } : undefined;
        },
      ),
    [campaignLevels, progress, hashOf],
  );

  const puzzles = usePuzzles(deps, progress, hashOf);

  const onceWarning = (): string | undefined => {
    if (!warning || warningShown) return undefined;
    return warning;
  };

  const play = (level: LoadedLevel) => {
    setScreen((s) => ({ name: 'play', level, run: s.name === 'play' ? s.run + 1 : 0 }));
  };

  const onFinish = (run: FinishedRun): string | undefined => {
    if (screen.name !== 'play') return undefined;
    const saved = saveRun(progress, screen.level, run, deps.progressDir, hashOf);
    if (saved.progress) setStore({ progress: saved.progress });
    return saved.sentence;
  };

  if (screen.name === 'title') {
    const w = onceWarning();
    return (
      <TitleScreen
        campaign={campaign}
        {...(puzzles ? { puzzles } : {})}
        problems={builtIns?.problems ?? []}
        {...(w ? { warning: w } : {})}
        loadFile={deps.loadFile}
        compare={compare}
        onPlay={play}
        onQuit={() => exit()}
      />
    );
  }

  const loaded = screen.level;
  const index = loaded.builtIn ? campaignLevels.findIndex((l) => l.json.id === loaded.json.id) : -1;
  const nextLevel = index >= 0 ? campaignLevels[index + 1] : undefined;
  const w = onceWarning();
  return (
    <PlayScreen
      key={`${loaded.path}#${screen.run}`}
      level={loaded.level}
      onExit={() => (start.screen === 'title' ? setScreen({ name: 'title' }) : exit())}
      onFinish={onFinish}
      {...(nextLevel
        ? {
            next: {
              title: nextLevel.level.title,
              unlocked: isCompleted(progress, loaded.json.id),
              go: () => play(nextLevel),
            },
          }
        : {})}
      {...(w ? { warning: w } : {})}
      compare={compare}
      {...(deps.Watch ? { Watch: deps.Watch } : {})}
    />
  );
}

/**
 * The campaign is loaded (and validated) on the title screen at once; when the app starts
 * on a level, only after its first frame, for the end screen's "next level".
 */
function useBuiltIns(start: Start, deps: AppDeps) {
  const [builtIns, setBuiltIns] = useState<{ levels: LoadedLevel[]; problems: string[] } | null>(() =>
    start.screen === 'title' ? deps.builtIns() : null,
  );
  useEffect(() => {
    if (builtIns) return;
    const timer = setTimeout(() => setBuiltIns(deps.builtIns()), 0);
    return () => clearTimeout(timer);
  }, [builtIns, deps]);
  return builtIns;
}

/** The daily puzzle (seeded by the local date) and a random one, with their best runs. */
function usePuzzles(deps: AppDeps, progress: Progress, hashOf: (l: LoadedLevel) => string): Puzzles | undefined {
  const generate = deps.generate;
  const today = dateSeed((deps.today ?? (() => new Date()))());
  // Made after the first frame (certifying a hard puzzle takes a moment), like the campaign.
  const [daily, setDaily] = useState<LevelLoadResult | null>(null);
  useEffect(() => {
    if (!generate) return;
    const timer = setTimeout(() => setDaily(puzzleLevel(generate, today.seed, DAILY_DIFFICULTY)), 0);
    return () => clearTimeout(timer);
  }, [generate, today.seed]);
  const randomPlayed = progress.runs.filter((r) => r.levelId.startsWith(`puzzle-${RANDOM_DIFFICULTY}-`)).length;
  function bestOf(l: LoadedLevel): { best?: { score: number; stars: number } } {
    const b = bestRun(progress, l.json.id, hashOf(l));
    return b ? { best: { score: b.score, stars: b.stars } } : {};
  }

  return generate
    ? {
        daily: {
          label: `Daily puzzle · ${today.label}`,
          ...(daily?.ok ? bestOf(daily.loaded) : {}),
          note: daily === null ? 'making it…' : daily.ok ? 'new today' : 'unavailable',
        },
        random: {
          label: 'Random puzzle',
          note: randomPlayed > 0 ? `a fresh one each time · ${randomPlayed} finished so far` : 'a fresh one each time',
        },
        make: (which) =>
          which === 'daily'
            ? (daily ?? puzzleLevel(generate, today.seed, DAILY_DIFFICULTY))
            : puzzleLevel(
                generate,
                (deps.randomSeed ?? (() => Math.floor(Math.random() * 2 ** 31)))(),
                RANDOM_DIFFICULTY,
              ),
      }
    : undefined;
}

/** Records a finished run in the progress file: the progress now (null: unchanged) and what the end screen says about it. */
function saveRun(
  progress: Progress,
  loaded: LoadedLevel,
  run: FinishedRun,
  dir: AppDeps['progressDir'],
  hashOf: (l: LoadedLevel) => string,
): { progress: Progress | null; sentence: string } {
  if (!run.metrics.completed)
    return { progress: null, sentence: 'Not saved: a run that did not finish has no score to keep.' };
  const before = bestRun(progress, loaded.json.id, hashOf(loaded));
  const next = recordRun(progress, {
    levelId: loaded.json.id,
    hash: hashOf(loaded),
    score: run.metrics.score,
    stars: run.metrics.stars ?? 0,
    commands: run.commands,
  });
  const saved = saveProgress(next, dir);
  if (!saved.ok) return { progress: next, sentence: saved.message };
  const best = bestRun(saved.progress, loaded.json.id, hashOf(loaded));
  const improved =
    !before ||
    (best !== undefined && best.score > before.score) ||
    (best !== undefined && best.score === before.score && best.stars > before.stars);
  const sentence = improved
    ? `Saved as your best on this level: ${run.metrics.score} ${stars(run.metrics.stars)}.`
    : `Saved. Your best on this level stays ${before.score} ${stars(before.stars)}.`;
  return { progress: saved.progress, sentence };
}
