// `cubbies watch` on its own: the watch screen as a whole app, leaving the app on q.
import { useApp } from 'ink';
import type { CompiledLevel } from '../../engine/index.js';
import type { CollectorName } from '../../engine/index.js';
import { WatchScreen } from './WatchScreen.js';

export function WatchApp({ level, collector }: { level: CompiledLevel; collector: CollectorName }) {
  const { exit } = useApp();
  return <WatchScreen level={level} collector={collector} onExit={() => exit()} />;
}
