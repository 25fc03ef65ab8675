// The panels around the grid. Each gets a fixed number of lines and a width, and shows
// what fits; each is memoized on the run's state, so moving the cursor redraws none.
import { memo, useMemo } from 'react';
import { Box, Text } from 'ink';
import type { CompiledLevel } from '../../engine/index.js';
import { freeRuns } from '../../engine/index.js';
import type { LogEntry, RunState } from '../../engine/index.js';
import {
  isConsequence,
  isSecurityKind,
  ringAtHand,
  touchText,
  upcomingEvents,
  firstVariables,
  type RingView,
  type VariableView,
} from '../../engine/index.js';
import { logColour, ownerColour, paint, SECURITY_COLOUR, useTheme, type Colour } from '../theme.js';
import { packSegments, truncate, wrapText } from '../text.js';

interface PanelProps {
  level: CompiledLevel;
  state: RunState;
  width: number;
  lines: number;
}

export const Header = memo(function Header({
  level,
  state,
  width,
  lens,
}: {
  level: CompiledLevel;
  state: RunState;
  width: number;
  lens: string;
}) {
  // Which tick runs next, said outright: "tick 4/16" read as "tick 4 done" frees a tick early.
  const when =
    state.tick >= level.ticks
      ? `program ended · ${level.ticks} of ${level.ticks} done`
      : `next: tick ${state.tick} · ${state.tick} of ${level.ticks} done`;
  // On a narrow terminal the rest is said in fewer words, so the level's title still shows.
  const right =
    width >= 100
      ? `${when} · memory ${state.used}/${level.usable} used · peak ${state.peak} · lens ${lens}`
      : `${when} · used ${state.used}/${level.usable} · peak ${state.peak}`;
  const title = truncate(`CUBBIES · ${level.title}`, Math.max(8, width - right.length - 2));
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold wrap="truncate">
        {title}
      </Text>
      <Text wrap="truncate">{right}</Text>
    </Box>
  );
});

export const FreeList = memo(function FreeList({ level, state, width, lines }: PanelProps) {
  const runs = freeRuns(state.blocks, level.memory);
  const parts = runs.map((r) => (r.size === 1 ? `${r.start} (1)` : `${r.start}–${r.start + r.size - 1} (${r.size})`));
  const text = runs.length === 0 ? 'free list: empty, memory is full' : `free list: ${parts.join(' · ')}`;
  const wrapped = wrapText(text, width);
  const shown = wrapped.slice(0, lines);
  if (wrapped.length > lines) shown[lines - 1] = truncate(`${shown[lines - 1]} …`, width);
  return (
    <Box flexDirection="column" height={lines}>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
});

function statusText(v: VariableView): { text: string; short?: string; colour?: Colour; dim?: boolean } {
  switch (v.status) {
    case 'waiting':
      return { text: `needs block by t${v.arrive}`, colour: 'yellow' };
    case 'reserved':
      return { text: `ready, arrives t${v.arrive}` };
    case 'live': {
      const f = future(v);
      return { text: `live, ${f.text}`, short: f.short, colour: 'green' };
    }
    case 'reachable': {
      const f = future(v, false);
      return { text: `via ${v.via ?? 'a record'}, ${f.text}`, short: `via ${v.via ?? 'a record'}`, colour: 'cyan' };
    }
    case 'unreachable':
      return { text: 'unreachable: leak!', colour: 'yellow' };
    case 'freed':
      // "!" only for what the program in sight proves: that tick reads a freed block.
      return v.danger && v.touch
        ? { text: `freed! ${touchText(v.touch)}`, colour: 'red' }
        : { text: 'freed', dim: true };
  }
}

/**
 * A value's future as far as the player sees it: its next read in sight, else its scope's
 * end in sight, else `?` (the program goes on past the horizon). A short form for narrow panels.
 */
function future(v: VariableView, scoped = true): { text: string; short: string } {
  if (v.nextUse !== null) return { text: `read t${v.nextUse}`, short: `read t${v.nextUse}` };
  if (!v.unknownAhead)
    return scoped
      ? { text: `no more reads, till t${v.drop}`, short: 'no more reads' }
      : { text: 'no more reads', short: 'no more reads' };
  if (scoped && v.dropInSight) return { text: `till t${v.drop}, read ?`, short: `till t${v.drop}, read ?` };
  return { text: 'next read ?', short: 'read ?' };
}

export const Variables = memo(function Variables({ level, state, width, lines }: PanelProps) {
  const theme = useTheme();
  // Only the rows that fit are made (a long level has thousands of values in sight).
  const { views: fitting, total } = useMemo(() => firstVariables(level, state, lines), [level, state, lines]);
  const room = total > lines ? lines - 1 : lines;
  const shown = fitting.slice(0, Math.max(0, room));
  const idWidth = Math.min(12, Math.max(4, ...shown.map((v) => v.id.length)));
  const addrWidth = String(level.memory - 1).length + 1;
  const sizeWidth = Math.max(1, ...shown.map((v) => String(v.size).length));
  return (
    <Box flexDirection="column" height={lines + 1}>
      <Text bold wrap="truncate">
        variables{' '}
        <Text bold={false} dimColor>
          @address · boxes · state
        </Text>
      </Text>
      {shown.map((v) => {
        const s = statusText(v);
        const addr = v.addr === null ? '—' : `@${v.addr}`;
        const head = `${truncate(v.id, idWidth).padEnd(idWidth)} ${addr.padStart(addrWidth)} ${String(v.size).padStart(sizeWidth)} `;
        return (
          <Text key={v.index} wrap="truncate">
            <Text {...paint(theme, v.status === 'freed' || v.status === 'waiting' ? undefined : ownerColour(v.index))}>
              {head}
            </Text>
            <Text {...paint(theme, s.colour)} dimColor={s.dim === true}>
              {truncate(
                s.short && s.text.length > width - head.length ? s.short : s.text,
                Math.max(1, width - head.length),
              )}
            </Text>
          </Text>
        );
      })}
      {total > shown.length && <Text dimColor> … {total - shown.length} more</Text>}
    </Box>
  );
});

export const Upcoming = memo(function Upcoming({ level, state, width, lines }: PanelProps) {
  const theme = useTheme();
  const events = useMemo(() => upcomingEvents(level, state, lines + 1), [level, state, lines]);
  const ahead = level.ticks - state.tick;
  const shown = events.slice(0, events.length > lines ? lines - 1 : lines);
  return (
    <Box flexDirection="column" height={lines + 1}>
      <Text bold wrap="truncate">
        program ahead{' '}
        <Text bold={false} dimColor>
          {ahead > 0 ? '▸ needs a block' : 'nothing left to run'}
        </Text>
      </Text>
      {shown.map((e, i) => (
        <Text
          key={i}
          wrap="truncate"
          {...paint(theme, e.needsBlock ? 'yellow' : e.kind === 'drop' ? 'gray' : undefined)}
        >
          {truncate(`${e.needsBlock ? '▸' : ' '}t${e.tick}: ${e.text}`, width)}
        </Text>
      ))}
      {events.length > shown.length && <Text dimColor> …</Text>}
    </Box>
  );
});

/** Whose bytes the decoder read, when not all the value's own: the provenance of each run of boxes. */
function whoseLine(read: NonNullable<RingView['read']>): { text: string; hole: boolean } | null {
  if (read.from.every((f) => f.own)) return null;
  const parts = read.from.map((f) => {
    const who = f.own ? 'its own' : f.writer === null ? 'never written' : `${f.writer}'s`;
    const tag = f.own ? '' : f.secret ? ' (a secret)' : f.untrusted ? " (an attacker's)" : '';
    return `${who} ×${f.boxes}${tag}`;
  });
  const hole = read.leaked ? '!! the secret leaked' : read.attacked ? '!! the attacker steers this read' : '';
  return { text: `whose bytes: ${parts.join(', ')}${hole ? ` · ${hole}` : ''}`, hole: hole !== '' };
}

function sourceText(ring: RingView): string {
  if (ring.source === 'pending') return `arrives at t${ring.tick}: needs a block`;
  if (ring.source === 'read') return `read at t${ring.tick}`;
  return `written at t${ring.tick}`;
}

export const Ring = memo(function Ring({ level, state, width, lines }: PanelProps) {
  const theme = useTheme();
  const ring = useMemo(() => ringAtHand(level, state), [level, state]);
  if (!ring) {
    return (
      <Box flexDirection="column" height={lines}>
        <Text bold>encoder ring</Text>
        <Text dimColor wrap="truncate">
          Nothing at hand: no value is waiting or was just read.
        </Text>
      </Box>
    );
  }
  const segs = ring.segments.map(
    (s) => `${s.label}${s.codePoint ? ` ${s.codePoint}` : ''} → ${s.bytes.join(' ')} → ${s.bits.join(' ')}`,
  );
  const body = packSegments(segs, width, '  │  ');
  const readLine = ring.read
    ? `decoder: ${ring.read.bits.join(' ')} → ${ring.read.bytes.join(' ')} → ${ring.read.text}${ring.read.same ? '  ✓ as written' : `  ✗ expected ${ring.read.expected}`}`
    : null;
  const whose = ring.read ? whoseLine(ring.read) : null;
  const budget = lines - 1 - (readLine ? 1 : 0) - (whose ? 1 : 0);
  const shownBody = body.slice(0, Math.max(0, budget));
  if (body.length > shownBody.length && shownBody.length > 0)
    shownBody[shownBody.length - 1] = truncate(`${shownBody[shownBody.length - 1]} …`, width);
  const noteLines =
    ring.note && shownBody.length < budget ? wrapText(ring.note, width).slice(0, budget - shownBody.length) : [];
  return (
    <Box flexDirection="column" height={lines}>
      <Text wrap="truncate">
        <Text bold>encoder ring </Text>
        <Text {...paint(theme, ownerColour(level.indexOf.get(ring.id) ?? 0))}>{ring.id}</Text> = {ring.shown}{' '}
        <Text dimColor>
          ({ring.type}, {sourceText(ring)})
        </Text>
      </Text>
      {shownBody.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
      {readLine && (
        <Text wrap="truncate" {...paint(theme, ring.read!.same ? 'green' : 'red')}>
          {truncate(readLine, width)}
        </Text>
      )}
      {whose && (
        <Text
          wrap="truncate"
          bold={whose.hole}
          {...paint(theme, whose.hole ? SECURITY_COLOUR : undefined)}
          dimColor={!whose.hole}
        >
          {truncate(whose.text, width)}
        </Text>
      )}
      {noteLines.map((l, i) => (
        <Text key={`n${i}`} dimColor wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
});

/** A consequence is marked "!", a security hole "!!" (colour is not the only sign). */
function logLine(e: LogEntry): string {
  return `t${e.tick} ${isSecurityKind(e.kind) ? '!! ' : isConsequence(e.kind) ? '! ' : ''}${e.text}`;
}

export const Log = memo(function Log({ state, width, lines }: PanelProps) {
  const theme = useTheme();
  // Wrap the latest entries and keep the last lines that fit.
  const out: { text: string; kind: LogEntry['kind'] }[] = [];
  for (let i = state.log.length - 1; i >= 0 && out.length < lines; i--) {
    const e = state.log[i];
    const wrapped = wrapText(logLine(e), width).map((text, k) => ({ text: k === 0 ? text : text, kind: e.kind }));
    out.unshift(...wrapped);
  }
  const shown = out.slice(-lines);
  return (
    <Box flexDirection="column" height={lines + 1}>
      <Text bold>
        log{' '}
        <Text bold={false} dimColor>
          {state.log.length === 0
            ? 'nothing has happened yet'
            : `${state.log.length} entr${state.log.length === 1 ? 'y' : 'ies'}`}
        </Text>
      </Text>
      {shown.map((l, i) => {
        const c = logColour(l.kind);
        return (
          <Text
            key={i}
            wrap="truncate"
            {...paint(theme, c)}
            bold={isSecurityKind(l.kind)}
            dimColor={c === undefined && (l.kind === 'drop' || l.kind === 'malloc' || l.kind === 'free')}
          >
            {l.text}
          </Text>
        );
      })}
    </Box>
  );
});
