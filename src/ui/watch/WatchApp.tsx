// `cubbies watch` on its own: the watch screen as a whole app, leaving the app on q; and
// the watch screen with its speed kept between runs (the player's settings), for the app
// and for the play screen's g.
import { useApp } from 'ink';
import { useState } from 'react';
import type { CompiledLevel } from '../../engine/index.js';
import type { CollectorName } from '../../engine/index.js';
import { loadSettings, saveSettings } from '../../store/settings.js';
import { WatchScreen } from './WatchScreen.js';

export function WatchApp({ level, collector }: { level: CompiledLevel; collector: CollectorName }) {
  const { exit } = useApp();
  return <RememberedWatch level={level} collector={collector} onExit={() => exit()} />;
}

/** The watch screen starting at the speed saved last time, saving each change of speed. */
export function RememberedWatch({
  level,
  collector,
  onExit,
  dir,
}: {
  level: CompiledLevel;
  collector: CollectorName;
  onExit: () => void;
  /** Where the settings are kept (default: the store's own folder). */
  dir?: string;
}) {
  const [speed] = useState(() => loadSettings(dir).settings.watchSpeed);
  return (
    <WatchScreen
      level={level}
      collector={collector}
      onExit={onExit}
      {...(speed !== undefined ? { speed } : {})}
      onSpeed={(watchSpeed) => saveSettings({ watchSpeed }, dir)}
    />
  );
}
