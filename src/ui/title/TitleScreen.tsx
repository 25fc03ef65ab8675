// The title screen: the campaign in order with best scores and stars (locked levels
// shown as such), loading a custom level by path (the validator's sentences shown
// right there), the comparison for the selected level, help, quit.
import { useEffect, useMemo, useReducer } from 'react';
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { COLLECTORS, starRule } from '../../engine/index.js';
import type { LoadedLevel, LevelLoadResult } from '../../levels/load.js';
import { isOpenInCampaign } from '../../store/progress.js';
import { CompareTable } from '../CompareTable.js';
import { Comparing } from '../Comparing.js';
import { Help } from '../Help.js';
import { HELP_PAGES } from '../helpText.js';
import type { CompareFn } from '../play/PlayScreen.js';
import { paint, useTheme } from '../theme.js';
import { stars, truncate, wrapText } from '../text.js';
import { TooSmall } from '../TooSmall.js';
import { tooSmall, useTerminalSize } from '../useTerminalSize.js';
import { useComparison } from '../useComparison.js';
import { lineEnd } from '../input.js';
import {
  initialTitle,
  reduceTitle,
  type PuzzleKind,
  type Request,
  type TitleAction,
  type TitleModel,
} from './model.js';

export interface CampaignEntry {
  loaded: LoadedLevel;
  locked: boolean;
  /** The best saved run on this version of the level. */
  best?: { score: number; stars: number; commands: string[] };
}

/** A generated puzzle's line on the title screen, and how to make it. */
export interface PuzzleEntry {
  /** `Daily puzzle · 2026-12-01`. */
  label: string;
  /** The best saved run on it, as the campaign's are shown. */
  best?: { score: number; stars: number };
  /** What is said when there is no best run. */
  note?: string;
}

export interface Puzzles {
  daily: PuzzleEntry;
  random: PuzzleEntry;
  /** Generates the puzzle (today's, or a fresh random one): a level to play, or a sentence. */
  make: (which: PuzzleKind) => LevelLoadResult;
}

export interface TitleScreenProps {
  campaign: CampaignEntry[];
  /** The daily and the random puzzle, when the game can generate them. */
  puzzles?: Puzzles;
  /** Sentences about built-in levels that failed to load. */
  problems?: string[];
  /** A progress-file warning, shown until the first key (read once, at mount). */
  warning?: string;
  loadFile: (path: string) => LevelLoadResult;
  compare: CompareFn;
  onPlay: (level: LoadedLevel) => void;
  onQuit: () => void;
}

export function TitleScreen({
  campaign,
  puzzles,
  problems = [],
  warning,
  loadFile,
  compare,
  onPlay,
  onQuit,
}: TitleScreenProps) {
  const size = useTerminalSize();
  const [m, act] = useReducer(reduceTitle, null, () =>
    initialTitle({
      locked: campaign.map((c) => c.locked),
      titles: campaign.map((c) => c.loaded.level.title),
      played: campaign.map((c) => c.best !== undefined),
      ...(warning ? { warning } : {}),
      helpPages: HELP_PAGES.length,
      puzzles: puzzles !== undefined,
    }),
  );
  useRequests(m.request, act, { campaign, puzzles, loadFile, onPlay, onQuit });

  // Behind the too-small notice the menu is hidden: its keys do nothing (the notice takes q).
  const small = tooSmall(size);
  const { mode } = m;
  useInput((input, key) => act({ type: 'key', input, key, source: 'menu' }), { isActive: mode !== 'path' && !small });
  useInput((input, key) => act({ type: 'key', input, key, source: 'path' }), { isActive: mode === 'path' && !small });

  // Scored off the input path, as the end screen's comparison: a big level's runs take seconds.
  const request = useMemo(() => {
    if (mode !== 'compare' || m.compareAt < 0) return null;
    const entry = campaign[m.compareAt];
    return {
      level: entry.loaded.level,
      ...(entry.best ? { player: entry.best.commands } : {}),
      collectors: [...COLLECTORS],
    };
  }, [mode, m.compareAt, campaign]);
  const compared = useComparison(request, compare);

  if (small) return <TooSmall size={size} />;
  const width = size.cols;
  const height = size.rows - 1;
  if (mode === 'help') return <Help width={width} height={height} page={m.helpPage} />;
  if (mode === 'compare' && request) {
    if (compared?.status === 'done')
      return (
        <CompareView entry={campaign[m.compareAt]} comparison={compared.comparison} width={width} height={height} />
      );
    return (
      <Comparing
        level={request.level}
        progress={compared}
        width={width}
        heading={`${request.level.title} · your best run beside the oracle and the collectors`}
      />
    );
  }
  return (
    <Menu m={m} act={act} campaign={campaign} puzzles={puzzles} problems={problems} width={width} height={height} />
  );
}

/** Requests leave the screen or read a file: done here, once each. */
function useRequests(
  request: Request,
  act: (a: TitleAction) => void,
  on: Pick<TitleScreenProps, 'campaign' | 'puzzles' | 'loadFile' | 'onPlay' | 'onQuit'>,
) {
  const { campaign, puzzles, loadFile, onPlay, onQuit } = on;
  useEffect(() => {
    const r = request;
    if (!r) return;
    if (r.kind === 'play') onPlay(campaign[r.index].loaded);
    else if (r.kind === 'quit') onQuit();
    else if (r.kind === 'puzzle') {
      act({ type: 'done' });
      const made = puzzles?.make(r.which);
      if (made?.ok) onPlay(made.loaded);
      else act({ type: 'say', message: made ? made.message : 'Puzzles are not available in this build.' });
    } else {
      const loaded = loadFile(r.path);
      act({ type: 'done' });
      if (loaded.ok) {
        onPlay(loaded.loaded);
        return;
      }
      act({ type: 'pathError', message: loaded.message });
    }
  }, [request, act, campaign, loadFile, onPlay, onQuit, puzzles]);
}

function CompareView({
  entry,
  comparison,
  width,
  height,
}: {
  entry: CampaignEntry;
  comparison: ReturnType<CompareFn>;
  width: number;
  height: number;
}) {
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        Compare · {entry.loaded.level.title}
      </Text>
      <Text dimColor wrap="truncate">
        {truncate(
          entry.best
            ? 'Your best saved run, the oracle (a perfect programmer) and every collector:'
            : 'No saved run of yours yet: the oracle (a perfect programmer) and every collector:',
          width,
        )}
      </Text>
      <Text> </Text>
      <CompareTable runs={comparison.runs} width={width} defaultCollector={comparison.defaultCollector} />
      <Box flexGrow={1} />
      <Text dimColor>Esc or q: back</Text>
    </Box>
  );
}

interface MenuProps {
  m: TitleModel;
  act: (a: TitleAction) => void;
  campaign: CampaignEntry[];
  puzzles: Puzzles | undefined;
  problems: string[];
  width: number;
  height: number;
}

/** One line of the menu: the cursor's line inverted. */
function Row({ label, extra, dim, here }: { label: string; extra: string; dim: boolean; here: boolean }) {
  return (
    <Text wrap="truncate" inverse={here} dimColor={dim && !here}>
      {here ? '▸ ' : '  '}
      {label}
      {extra}
    </Text>
  );
}

/** The menu: the campaign, the puzzles, the other items, and the file prompt or a message. */
function Menu({ m, act, campaign, puzzles, problems, width, height }: MenuProps) {
  const theme = useTheme();
  const { mode, at, selected, message, pathError } = m;
  // Lines: title 2, blank, campaign heading, levels, blank, 4 items, blank, message/path area, footer.
  const headerLines = 3 + (m.warning ? wrapText(m.warning, width).length : 0) + (problems.length > 0 ? 1 : 0);
  const pathLines =
    mode === 'path' ? 2 + (pathError ? Math.min(8, wrapText(pathError, width).length) : 0) : message ? 1 : 0;
  const puzzleLines = puzzles ? 3 : 0;
  const levelRoom = Math.max(3, height - headerLines - 2 - 5 - 1 - pathLines - 1 - puzzleLines);
  const nameWidth = Math.max(20, Math.min(48, width - 30));
  // The menu's other items come after the levels and the puzzles.
  const others = campaign.length + (puzzles ? 2 : 0);
  const item = (label: string, extra: string, index: number) => (
    <Row label={label} extra={extra} dim={false} here={index === at} />
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TitleHeader warning={m.warning} problems={problems} width={width} />
      <LevelList campaign={campaign} at={at} room={levelRoom} nameWidth={nameWidth} width={width} />
      <Text> </Text>
      {puzzles && (
        <>
          <Text bold>Puzzles</Text>
          {(['daily', 'random'] as const).map((which, k) => {
            const p = puzzles[which];
            const extra = p.best ? `  ${stars(p.best.stars)}  best ${p.best.score}` : `  ${p.note ?? 'new'}`;
            return (
              <Row
                key={which}
                label={truncate(p.label, nameWidth).padEnd(nameWidth)}
                extra={extra}
                dim={false}
                here={campaign.length + k === at}
              />
            );
          })}
          <Text> </Text>
        </>
      )}
      {item('Load a custom level…', '', others)}
      {item(
        'Compare',
        selected >= 0 && campaign[selected] ? `  (${campaign[selected].loaded.level.title})` : '',
        others + 1,
      )}
      {item('Help', '', others + 2)}
      {item('Quit', '', others + 3)}
      <Text> </Text>
      {mode === 'path' && <PathPrompt m={m} act={act} width={width} />}
      {mode === 'menu' && message && (
        <Text wrap="truncate" {...paint(theme, 'yellow')}>
          {truncate(message, width)}
        </Text>
      )}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        {truncate(
          `↑ ↓ choose · Enter play${puzzles ? " · d today's puzzle" : ''} · c compare · o open a file · ? help · q quit`,
          width,
        )}
      </Text>
    </Box>
  );
}

function TitleHeader({ warning, problems, width }: { warning: string | undefined; problems: string[]; width: number }) {
  const theme = useTheme();
  return (
    <>
      <Text bold wrap="truncate" {...paint(theme, 'cyan')}>
        CUBBIES
      </Text>
      <Text dimColor wrap="truncate">
        {truncate('A game about memory, box by box: malloc, free, and a garbage collector.', width)}
      </Text>
      {warning &&
        wrapText(warning, width).map((l, i) => (
          <Text key={`w${i}`} wrap="truncate" {...paint(theme, 'yellow')}>
            {l}
          </Text>
        ))}
      {problems.length > 0 && (
        <Text wrap="truncate" {...paint(theme, 'red')}>
          {truncate(`${problems.length} built-in level(s) failed to load: ${problems[0].split('\n')[0]}`, width)}
        </Text>
      )}
      <Text> </Text>
    </>
  );
}

/** The campaign's levels, scrolled to keep the cursor in view, with locks, stars and best scores. */
function LevelList({
  campaign,
  at,
  room,
  nameWidth,
  width,
}: {
  campaign: CampaignEntry[];
  at: number;
  room: number;
  nameWidth: number;
  width: number;
}) {
  const levelTop = Math.max(
    0,
    Math.min(at < campaign.length ? at - Math.floor(room / 2) : campaign.length - room, campaign.length - room),
  );
  const shown = campaign.slice(levelTop, levelTop + room);
  return (
    <>
      <Text bold>
        Campaign{' '}
        <Text bold={false} dimColor>
          {campaign.length === 0
            ? '(no built-in levels found)'
            : truncate(starRule("the level's collector"), Math.max(0, width - 9))}
        </Text>
      </Text>
      {levelTop > 0 && <Text dimColor> ↑ {levelTop} more</Text>}
      {shown.map((c, k) => {
        const i = levelTop + k;
        const title = truncate(`${String(i + 1).padStart(2)}. ${c.loaded.level.title}`, nameWidth).padEnd(nameWidth);
        const extra = c.locked ? '  locked' : c.best ? `  ${stars(c.best.stars)}  best ${c.best.score}` : '  new';
        return <Row key={c.loaded.level.id} label={title} extra={extra} dim={c.locked} here={i === at} />;
      })}
      {levelTop + room < campaign.length && <Text dimColor> ↓ {campaign.length - levelTop - room} more</Text>}
    </>
  );
}

/** The file prompt: a text input for the path, the validator's sentences under it. */
function PathPrompt({ m, act, width }: { m: TitleModel; act: (a: TitleAction) => void; width: number }) {
  const theme = useTheme();
  const { path, pathError } = m;
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold>Level file: </Text>
        <TextInput
          key={m.pathKey}
          value={path}
          onChange={(text) => {
            const nl = lineEnd(text);
            const from = { key: m.pathKey, base: path };
            act({ type: 'editPath', text: nl < 0 ? text : text.slice(0, nl), from });
            if (nl >= 0) act({ type: 'submitPath', fromInput: true });
          }}
          onSubmit={() => act({ type: 'submitPath', fromInput: true })}
          {...(theme.color ? { placeholder: 'path/to/level.json' } : {})}
        />
      </Box>
      {pathError &&
        wrapText(pathError, width)
          .slice(0, 8)
          .map((l, i) => (
            <Text key={i} wrap="truncate" {...paint(theme, 'red')}>
              {l}
            </Text>
          ))}
      <Text dimColor>Enter: load and play · Esc: back</Text>
    </Box>
  );
}

/** The campaign with locks and best runs, from the progress store. */
export function campaignOf(
  levels: readonly LoadedLevel[],
  completed: (id: string) => boolean,
  best: (level: LoadedLevel) => CampaignEntry['best'],
): CampaignEntry[] {
  const ids = levels.map((l) => l.json.id);
  return levels.map((loaded, i) => {
    const b = best(loaded);
    return { loaded, locked: !isOpenInCampaign(completed, ids, i), ...(b ? { best: b } : {}) };
  });
}
