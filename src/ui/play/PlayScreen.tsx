// The play screen (manual play: malloc, free, step): the memory grid, the panels around it, the message line
// and the keys; the help, intro and confirm overlays; and the end of a level with its
// score, stars, what went wrong and the comparison. It draws engine state and turns keys
// into commands (model.ts); no game rule lives here.
import { useEffect, useMemo, useReducer, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { compareLevel, parSolution, type Comparison, type ParSolution } from '../../engine/index.js';
import type { CompiledLevel } from '../../engine/index.js';
import type { Metrics } from '../../engine/index.js';
import { COLLECTORS, type CollectorName } from '../../engine/index.js';
import type { RunState } from '../../engine/index.js';
import { nextPending } from '../../engine/index.js';
import { Help } from '../Help.js';
import { helpPagesFor } from '../helpText.js';
import { paint, useTheme } from '../theme.js';
import { TooSmall } from '../TooSmall.js';
import { tooSmall, useTerminalSize } from '../useTerminalSize.js';
import { truncate, wrapText } from '../text.js';
import { EndScreen } from './EndScreen.js';
import { ReviewScreen } from '../review/ReviewScreen.js';
import { Comparing } from '../Comparing.js';
import { useComparison } from '../useComparison.js';
import { Grid } from './Grid.js';
import { footerKeys, howToPlay } from './keymap.js';
import { layoutFor } from './layout.js';
import { lineEnd } from '../input.js';
import { initialModel, reduce, type Action, type PlayModel } from './model.js';
import { ParView } from './ParView.js';
import { FreeList, Header, Log, Ring, Upcoming, Variables } from './panels.js';

export type CompareFn = (
  level: CompiledLevel,
  opts: { player?: readonly string[]; collectors: readonly CollectorName[] },
) => Comparison;

export interface WatchProps {
  level: CompiledLevel;
  collector: CollectorName;
  onExit: () => void;
}

export interface FinishedRun {
  level: CompiledLevel;
  commands: string[];
  /** The player's metrics, scored and starred against the level's default collector. */
  metrics: Metrics;
}

export interface PlayScreenProps {
  level: CompiledLevel;
  /** Show the level's intro first (default true). */
  showIntro?: boolean;
  /** The player leaves the screen. */
  onExit: () => void;
  /** A run finished: record it. Returns a sentence about the save, to show on the end screen. */
  onFinish?: (run: FinishedRun) => string | undefined;
  /** The next campaign level, if any; `unlocked` once this one has a star. */
  next?: { title: string; unlocked: boolean; go: () => void };
  /** A sentence to show once at the start (a progress-file warning). */
  warning?: string;
  compare?: CompareFn;
  /** The automatic runtime's screen, for g. */
  Watch?: ComponentType<WatchProps>;
  /** The level's par (its solution), shown after a finish or a give-up with p. */
  par?: (level: CompiledLevel) => ParSolution | null;
}

/** What to do next, when no sentence from the engine is showing. */
function hint(level: CompiledLevel, state: RunState): string {
  if (state.tick >= level.ticks) return 'The program has ended: free what is left, then press e to see your score.';
  const p = nextPending(level, state);
  if (p !== null && level.values[p].arrive === state.tick) {
    const v = level.values[p];
    return `${v.id} needs a block of ${v.size} box${v.size === 1 ? '' : 'es'} before tick ${state.tick}: pick a free box, press m.`;
  }
  return `Space runs tick ${state.tick}. Free a block (f) once the program is done with it.`;
}

function NoWatch({ onExit }: WatchProps) {
  useInput(() => onExit());
  return <Text>The automatic runtime's screen is not available in this build. Press any key to go back.</Text>;
}

export function PlayScreen({
  level,
  showIntro = true,
  onExit,
  onFinish,
  next,
  warning,
  compare = compareLevel,
  Watch = NoWatch,
  par = parSolution,
}: PlayScreenProps) {
  const size = useTerminalSize();
  const [m, act] = useReducer(reduce, level, (l) => {
    const init = initialModel(l, showIntro);
    return warning ? { ...init, message: { text: warning, tone: 'warn' as const } } : init;
  });
  const layout = layoutFor(size, m.lens, level.memory);
  const geo = { perRow: layout.perRow, pageRows: layout.gridRows };

  useOnce(m.leave, onExit);
  const end = useEndOfRun(level, m, compare, par, onFinish);

  // Every key goes to the model, which knows the mode it arrived in (see KeySource).
  // Behind the too-small notice the board is hidden: its keys do nothing (the notice takes q).
  const small = tooSmall(size);
  useInput((input, key) => act({ type: 'key', input, key, geo, source: 'board' }), {
    isActive: m.mode !== 'command' && m.mode !== 'watch' && m.mode !== 'review' && !small,
  });
  // The command line: ink-text-input types and submits; these keys are the line's own.
  useInput((input, key) => act({ type: 'key', input, key, geo, source: 'line' }), {
    isActive: m.mode === 'command' && !small,
  });

  const wentNext = useRef(false);
  useEffect(() => {
    if (!m.goNext) return;
    if (!next?.unlocked) act({ type: 'goNext', on: false });
    else if (!wentNext.current) {
      wentNext.current = true;
      next.go();
    }
  }, [m.goNext, next]);

  if (small) return <TooSmall size={size} />;
  const width = size.cols;
  const height = layout.height;
  const overlay = overlayOf({ m, act, level, end, next, Watch, width, height });
  return overlay ?? <Board m={m} act={act} layout={layout} width={width} height={height} />;
}

/** What the screen shows instead of the board in the mode it is in (null: the board). */
function overlayOf({
  m,
  act,
  level,
  end,
  next,
  Watch,
  width,
  height,
}: {
  m: PlayModel;
  act: (a: Action) => void;
  level: CompiledLevel;
  end: ReturnType<typeof useEndOfRun>;
  next: PlayScreenProps['next'];
  Watch: ComponentType<WatchProps>;
  width: number;
  height: number;
}): ReactNode {
  switch (m.mode) {
    case 'watch':
      return <Watch level={level} collector={level.gc.collector} onExit={() => act({ type: 'watch', open: false })} />;
    case 'review':
      return (
        <ReviewScreen
          level={level}
          player={m.game.commands}
          {...(m.reviewAt !== null ? { atLogEntry: m.reviewAt } : {})}
          onExit={() => act({ type: 'review', open: false })}
        />
      );
    case 'help':
      return <Help width={width} height={height} page={m.helpPage} pages={helpPagesFor(level, m.hintsShown)} />;
    case 'hint':
      return <Hints level={level} shown={m.hintsShown} width={width} height={height} />;
    case 'intro': {
      const warn = m.message?.tone === 'warn';
      return (
        <Intro
          level={level}
          width={width}
          height={height}
          warning={warn ? m.message?.text : undefined}
          message={warn ? undefined : m.message?.text}
        />
      );
    }
    case 'par':
      return <ParView level={level} par={end.par} width={width} height={height} />;
    case 'end':
      if (!end.comparison) return <Comparing level={level} progress={end.compared} width={width} />;
      return (
        <EndScreen
          level={level}
          state={m.game.state}
          comparison={end.comparison}
          compareAll={m.compareAll}
          width={width}
          height={height}
          saveNote={end.saveNote}
          next={next}
          hasPar={true}
          pick={m.pick}
        />
      );
    default:
      return null;
  }
}

/** Calls `then` once, the first time `when` is true. */
function useOnce(when: boolean, then: () => void) {
  const done = useRef(false);
  useEffect(() => {
    if (when && !done.current) {
      done.current = true;
      then();
    }
  }, [when, then]);
}

/**
 * The end of a run: compare it with the default collector (or all of them) and record it
 * once. It runs off the input path (useComparison): the screen answers keys while it scores.
 * The par's solution is worked out only once the player asks for it (p on the end screen).
 */
function useEndOfRun(
  level: CompiledLevel,
  m: PlayModel,
  compare: CompareFn,
  par: (level: CompiledLevel) => ParSolution | null,
  onFinish: PlayScreenProps['onFinish'],
) {
  const state = m.game.state;
  const finished = state.finished;
  const request = useMemo(
    () =>
      finished
        ? { level, player: m.game.commands, collectors: m.compareAll ? [...COLLECTORS] : [level.gc.collector] }
        : null,
    [finished, m.game.commands, level, m.compareAll],
  );
  const compared = useComparison(request, compare);
  const comparison = compared?.status === 'done' ? compared.comparison : null;
  const wantsPar = m.mode === 'par';
  const parShown = useMemo(() => (wantsPar ? par(level) : null), [wantsPar, par, level]);
  const [saveNote, setSaveNote] = useState<string | undefined>(undefined);
  const recorded = useRef<RunState | null>(null);
  useEffect(() => {
    if (!finished || !comparison || recorded.current === state) return;
    recorded.current = state;
    const player = comparison.runs.find((r) => r.kind === 'player');
    if (player && onFinish) setSaveNote(onFinish({ level, commands: m.game.commands, metrics: player.metrics }));
  }, [finished, comparison, state, onFinish, level, m.game.commands]);
  return { compared, comparison, par: parShown, saveNote };
}

/** The board: the header, the grid and the panels, the ring, the log, the message line and the keys or the command line. */
function Board({
  m,
  act,
  layout,
  width,
  height,
}: {
  m: PlayModel;
  act: (a: Action) => void;
  layout: ReturnType<typeof layoutFor>;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const level = m.game.level;
  const state = m.game.state;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header level={level} state={state} width={width} lens={m.lens} />
      <Box height={layout.mainHeight}>
        <Grid level={level} state={state} cursor={m.cursor} lens={m.lens} layout={layout} top={m.top} />
        <Box width={2} />
        <Box flexDirection="column" width={layout.sideWidth}>
          <FreeList level={level} state={state} width={layout.sideWidth} lines={layout.freeLines} />
          <Variables level={level} state={state} width={layout.sideWidth} lines={layout.varLines} />
          <Upcoming level={level} state={state} width={layout.sideWidth} lines={layout.upcomingLines} />
        </Box>
      </Box>
      <Ring level={level} state={state} width={width} lines={layout.ringLines} />
      <Log level={level} state={state} width={width} lines={layout.logLines - 1} />
      <MessageLine model={m} width={width} hint={hint(level, state)} />
      <Footer
        model={m}
        width={width}
        onChange={(text) => {
          const nl = lineEnd(text);
          const from = { key: m.commandKey, base: m.command };
          if (nl < 0) act({ type: 'editCommand', text, from });
          else {
            act({ type: 'editCommand', text: text.slice(0, nl), from });
            act({ type: 'submitCommand', fromInput: true });
          }
        }}
        onSubmit={() => act({ type: 'submitCommand', fromInput: true })}
        colour={theme.color}
      />
    </Box>
  );
}

function MessageLine({ model, width, hint }: { model: PlayModel; width: number; hint: string }) {
  const theme = useTheme();
  const msg = model.message;
  if (model.mode === 'confirm' && model.confirm === 'free' && model.pendingFree) {
    // Its own colour: not an error yet, a warning the player can still act on.
    return (
      <Text bold wrap="truncate" {...paint(theme, 'magentaBright')}>
        {truncate(`⚠ ${model.pendingFree.why} Free anyway? y/n`, width)}
      </Text>
    );
  }
  if (model.mode === 'confirm') {
    const q =
      model.confirm === 'quit'
        ? 'Leave this level? This run will be lost.'
        : `Give up at tick ${model.game.state.tick}? The run ends here and scores 0.`;
    return (
      <Text bold wrap="truncate" {...paint(theme, 'yellow')}>
        {truncate(`${q} y: yes · n: no`, width)}
      </Text>
    );
  }
  if (!msg)
    return (
      <Text dimColor wrap="truncate">
        {truncate(hint, width)}
      </Text>
    );
  const colour = msg.tone === 'error' ? 'red' : msg.tone === 'warn' ? 'yellow' : undefined;
  return (
    <Text wrap="truncate" {...paint(theme, colour)}>
      {truncate(msg.text, width)}
    </Text>
  );
}

function Footer({
  model,
  width,
  onChange,
  onSubmit,
  colour,
}: {
  model: PlayModel;
  width: number;
  onChange: (t: string) => void;
  onSubmit: () => void;
  colour: boolean;
}) {
  if (model.mode === 'command') {
    return (
      <Box width={width}>
        <Text bold>:</Text>
        <TextInput
          key={model.commandKey}
          value={model.command}
          onChange={onChange}
          onSubmit={onSubmit}
          {...(colour ? { placeholder: 'malloc <id> [@addr] · free <addr|id> · step [n] · run · undo · end' } : {})}
        />
      </Box>
    );
  }
  const keys = footerKeys(width, (model.game.level.source.hints?.length ?? 0) > 0);
  return (
    <Text dimColor wrap="truncate">
      {truncate(keys, width)}
    </Text>
  );
}

function Intro({
  level,
  width,
  height,
  warning,
  message,
}: {
  level: CompiledLevel;
  width: number;
  height: number;
  warning: string | undefined;
  message?: string | undefined;
}) {
  const theme = useTheme();
  const src = level.source;
  const lines: { text: string; bold?: boolean; dim?: boolean; warn?: boolean }[] = [];
  if (warning) for (const l of wrapText(warning, width)) lines.push({ text: l, warn: true });
  lines.push({ text: level.title, bold: true });
  lines.push({
    text: `${level.memory} boxes (box 0 is NULL) · ${level.ticks} ticks · you see ${level.lookahead >= level.ticks ? 'the whole program' : `${level.lookahead} ticks ahead`}`,
    dim: true,
  });
  lines.push({ text: '' });
  if (src.intro) for (const l of wrapText(src.intro, width)) lines.push({ text: l });
  lines.push({ text: '' });
  lines.push({ text: 'How to play', bold: true });
  for (const l of howToPlay()) for (const w of wrapText(l, width)) lines.push({ text: w });
  const hints = src.hints?.length ?? 0;
  if (hints > 0) {
    lines.push({ text: '' });
    lines.push({
      text: `Stuck? This level has ${hints} hint${hints === 1 ? '' : 's'}: press i for one at a time, during play too.`,
      dim: true,
    });
  }
  if (message) for (const l of wrapText(message, width)) lines.push({ text: l });
  const room = height - 2;
  const body =
    lines.length > room ? [...lines.slice(0, room - 1), { text: '… more in the help: press ?', dim: true }] : lines;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {body.map((l, i) => (
        <Text
          key={i}
          bold={l.bold === true}
          dimColor={l.dim === true}
          wrap="truncate"
          {...paint(theme, l.warn ? 'yellow' : undefined)}
        >
          {l.text || ' '}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text bold wrap="truncate">
        {`Enter: start${hints > 0 ? ' · i: a hint' : ''} · ?: help · q: leave`}
      </Text>
    </Box>
  );
}

/** The hints asked for so far, the newest last; i asks for the next. */
function Hints({
  level,
  shown,
  width,
  height,
}: {
  level: CompiledLevel;
  shown: number;
  width: number;
  height: number;
}) {
  const hints = level.source.hints ?? [];
  const lines: { text: string; dim: boolean }[] = [];
  hints.slice(0, shown).forEach((h, i) => {
    if (i > 0) lines.push({ text: '', dim: false });
    for (const [k, l] of wrapText(h, width - 4).entries())
      lines.push({ text: `${k === 0 ? `${i + 1}. ` : '   '}${l}`, dim: i < shown - 1 });
  });
  const room = Math.max(1, height - 4);
  const body = lines.length > room ? lines.slice(lines.length - room) : lines;
  const more = shown < hints.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        Hint {shown} of {hints.length} · {truncate(level.title, Math.max(8, width - 20))}
      </Text>
      <Text> </Text>
      {body.map((l, i) => (
        <Text key={i} wrap="truncate" dimColor={l.dim}>
          {l.text || ' '}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        {truncate(`${more ? 'i: the next hint · ' : 'that was the last hint · '}Esc or Enter: back · ?: help`, width)}
      </Text>
    </Box>
  );
}
