// The par's solution, after a finish or a give-up: the commands of the level's par run
// (the oracle's when it finishes, else the solver's), as one replay to read.
import { Box, Text } from 'ink';
import type { CompiledLevel, ParSolution } from '../../engine/index.js';
import { truncate, wrapText } from '../text.js';

/** Runs of `step` folded into `step n`, so the placements stand out. */
export function foldSteps(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    const m = /^step(?: (\d+))?$/.exec(c);
    const prev = out.length > 0 ? /^step(?: (\d+))?$/.exec(out[out.length - 1]) : null;
    if (m && prev) out[out.length - 1] = `step ${Number(prev[1] ?? 1) + Number(m[1] ?? 1)}`;
    else out.push(c);
  }
  return out;
}

export function ParView({
  level,
  par,
  width,
  height,
}: {
  level: CompiledLevel;
  par: ParSolution | null;
  width: number;
  height: number;
}) {
  const body = par ? wrapText(foldSteps(par.commands).join(' · '), width) : ['This level has no par to show.'];
  const room = Math.max(1, height - 5);
  const shown = body.length > room ? [...body.slice(0, room - 1), '…'] : body;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {truncate(`Par · ${level.title}${par ? ` · score ${par.score}` : ''}`, width)}
      </Text>
      {par && (
        <Text dimColor wrap="truncate">
          {truncate(
            par.by === 'oracle'
              ? 'The oracle: each value freed right after its last use, each block by first fit.'
              : 'The solver: each value freed right after its last use, each block where the rest still fits.',
            width,
          )}
        </Text>
      )}
      <Text> </Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate">
        Esc, p or Enter: back to the score
      </Text>
    </Box>
  );
}
