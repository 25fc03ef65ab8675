// The app: the title screen, the play screen and the automatic runtime's screen, with
// the player's progress (loaded once, saved after each finished run).
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useApp } from 'ink';
import { compareLevel } from '../engine/index.js';
import type { LoadedLevel, LevelLoadResult } from '../levels/load.js';
import { bestRun, isCompleted, levelHash, recordRun, type Progress } from '../store/progress.js';
import { loadProgress, saveProgress } from '../store/progress-file.js';
import { PlayScreen, type CompareFn, type FinishedRun, type WatchProps } from './play/PlayScreen.js';
import { stars } from './text.js';
import { campaignOf, TitleScreen } from './title/TitleScreen.js';

export interface AppDeps {
  /** The campaign, in order, and sentences about built-in levels that failed to load. */
  builtIns: () => { levels: LoadedLevel[]; problems: string[] };
  loadFile: (path: string) => LevelLoadResult;
  /** Where progress is kept (default: the store's own, $CUBBIES_HOME or the user data folder). */
  progressDir?: string;
  compare?: CompareFn;
  Watch?: ComponentType<WatchProps>;
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
  // The campaign is loaded (and validated) on the title screen at once; when the app
  // starts on a level, only after its first frame, for the end screen's "next level".
  const [builtIns, setBuiltIns] = useState<{ levels: LoadedLevel[]; problems: string[] } | null>(() =>
    start.screen === 'title' ? deps.builtIns() : null,
  );
  useEffect(() => {
    if (builtIns) return;
    const timer = setTimeout(() => setBuiltIns(deps.builtIns()), 0);
    return () => clearTimeout(timer);
  }, [builtIns, deps]);
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

  const onceWarning = (): string | undefined => {
    if (!warning || warningShown) return undefined;
    return warning;
  };

  const play = (level: LoadedLevel) => {
    setScreen((s) => ({ name: 'play', level, run: s.name === 'play' ? s.run + 1 : 0 }));
  };

  const onFinish = (run: FinishedRun): string | undefined => {
    if (screen.name !== 'play') return undefined;
    const loaded = screen.level;
    if (!run.metrics.completed) return 'Not saved: a run that did not finish has no score to keep.';
    const before = bestRun(progress, loaded.json.id, hashOf(loaded));
    const next = recordRun(progress, {
      levelId: loaded.json.id,
      hash: hashOf(loaded),
      score: run.metrics.score,
      stars: run.metrics.stars,
      commands: run.commands,
    });
    const saved = saveProgress(next, deps.progressDir);
    setStore({ progress: saved.ok ? saved.progress : next });
    if (!saved.ok) return saved.message;
    const best = bestRun(saved.progress, loaded.json.id, hashOf(loaded));
    const improved =
      !before ||
      (best !== undefined && best.score > before.score) ||
      (best !== undefined && best.score === before.score && best.stars > before.stars);
    return improved
      ? `Saved as your best on this level: ${run.metrics.score} ${stars(run.metrics.stars)}.`
      : `Saved. Your best on this level stays ${before.score} ${stars(before.stars)}.`;
  };

  if (screen.name === 'title') {
    const w = onceWarning();
    return (
      <TitleScreen
        campaign={campaign}
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
