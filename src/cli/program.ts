// The command line (`cubbies <command>`): commander setup, usage errors, exit codes.
//
// Exit codes: 0 fine; 1 invalid input (bad level or replay file) or an unexpected
// error; 2 wrong usage (unknown command or option, missing argument, no terminal for
// play/watch/title). Each command's body lives in ./commands/*.ts and returns its code.

import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { sanitise } from '../ui/sanitise.js';
import { COLLECTORS, parseCollector, parseCollectorList } from './collectors.js';
import { parseRun, parseTick } from './runs.js';
import { capitalise, DIFFICULTIES, endSentence, plural, type Difficulty } from '../engine/index.js';

// Each command's module is imported only when that command runs, so `--version`,
// `--help` and usage errors never load the engine, the levels or Ink (esbuild keeps
// them in the one bundle, initialised lazily).
const commands = {
  play: () => import('./commands/play.js'),
  watch: () => import('./commands/watch.js'),
  review: () => import('./commands/review.js'),
  compare: () => import('./commands/compare.js'),
  validate: () => import('./commands/validate.js'),
  solve: () => import('./commands/solve.js'),
  generate: () => import('./commands/generate.js'),
  levels: () => import('./commands/levels.js'),
  title: () => import('./commands/title.js'),
};

declare const __CUBBIES_VERSION__: string | undefined;

/** The package version: inlined by src/build.mjs; read from package.json when run from source. */
export const VERSION: string =
  typeof __CUBBIES_VERSION__ === 'string'
    ? __CUBBIES_VERSION__
    : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

const USAGE_HINT = 'Run `cubbies --help` for usage.';

/** A usage error: one plain sentence, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** True when both stdin and stdout are a terminal (play, watch and the title screen need one). */
export function hasTerminal(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/** True when the terminal says it cannot move the cursor or switch screens (TERM=dumb). */
export function dumbTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb';
}

/** The plain sentence for a terminal that cannot draw the screens; nothing else is written. */
function needsCapableTerminal(what: string, level?: string): number {
  const tryInstead =
    level === undefined
      ? 'run it in a terminal such as xterm (TERM=xterm-256color)'
      : `run it in a terminal such as xterm (TERM=xterm-256color), or try \`cubbies compare ${shellWord(level)}\` for a text report`;
  process.stderr.write(`${what} needs a terminal that can move the cursor, and TERM=dumb cannot; ${tryInstead}.\n`);
  return EXIT_USAGE;
}

/** Runs a screen when the terminal can draw it, else says why not. */
async function onScreen(what: string, level: string | undefined, start: () => Promise<number>): Promise<number> {
  if (!hasTerminal()) return needsTerminal(what, level);
  if (dumbTerminal()) return needsCapableTerminal(what, level);
  return start();
}

export function shellWord(text: string): string {
  return /^[\w./@:+,=-]+$/.test(text) ? text : '<level>';
}

function needsTerminal(what: string, level?: string): number {
  const tryInstead =
    level === undefined
      ? 'try `cubbies --help` for the commands that work without one'
      : `try \`cubbies compare ${shellWord(level)}\` for a text report`;
  process.stderr.write(`${what} needs an interactive terminal; ${tryInstead}.\n`);
  return EXIT_USAGE;
}

/** Turns a thrown value into one plain sentence, without a trailing period. */
export function plainMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.\s]+$/, '');
}

/** The sentence printed for an unexpected error (exit 1). */
export function crashSentence(error: unknown): string {
  const message = plainMessage(error);
  return message === ''
    ? 'cubbies: something went wrong. Please report it.'
    : `cubbies: something went wrong: ${message}. Please report it.`;
}

/** Rewrites one of commander's error messages as a plain sentence. */
function usageSentence(error: CommanderError, commandName: string): string {
  const text = error.message.replace(/^error:\s*/, '');
  const who = commandName === '' ? '`cubbies`' : `\`cubbies ${commandName}\``;
  let m: RegExpMatchArray | null;
  switch (error.code) {
    case 'commander.missingArgument':
      if ((m = text.match(/argument '([^']+)'/))) return `${who} is missing its <${m[1]}> argument.`;
      break;
    case 'commander.excessArguments':
      if ((m = text.match(/Expected (\d+) arguments? but got (\d+)/))) {
        const expected = Number(m[1]);
        const takes = expected === 0 ? 'takes no arguments' : `takes ${plural(expected, 'argument')}`;
        return `${who} ${takes} but was given ${m[2]}.`;
      }
      break;
    case 'commander.unknownOption':
      if ((m = text.match(/unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/s))) {
        return `${who} has no option '${m[1]}'${m[2] ? ` (did you mean ${m[2].trim()}?)` : ''}.`;
      }
      break;
    case 'commander.optionMissingArgument':
      if ((m = text.match(/option '([^']+)' argument missing/))) return `The option '${m[1]}' needs a value.`;
      break;
    case 'commander.invalidArgument': {
      const at = text.indexOf(' is invalid. ');
      if (at >= 0) return text.slice(at + ' is invalid. '.length).trim();
      break;
    }
  }
  const sentence = text
    .replace(/\s*\n\s*\(Did you mean ([^?]+)\?\)/, ' (did you mean $1?)')
    .replace(/\s+/g, ' ')
    .trim();
  return endSentence(capitalise(sentence));
}

function collectorOption(flags: string, description: string, parse: (text: string) => unknown): Option {
  return new Option(flags, description).argParser((value: string) => {
    try {
      return parse(value);
    } catch (error) {
      // commander turns this into 'commander.invalidArgument'; usageSentence keeps our sentence.
      throw new InvalidArgumentError(`${plainMessage(error)}.`);
    }
  });
}

function parseSeed(text: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) > 4294967295)
    throw new InvalidArgumentError(`The seed must be a whole number from 0 to 4294967295, not "${sanitise(text)}".`);
  return Number(text);
}

function parseDifficulty(text: string): Difficulty {
  if (!(DIFFICULTIES as readonly string[]).includes(text))
    throw new InvalidArgumentError(
      `The difficulty is ${DIFFICULTIES.slice(0, -1).join(', ')} or ${DIFFICULTIES.at(-1)}, not "${sanitise(text)}".`,
    );
  return text as Difficulty;
}

/** The sentence for a command name that is not one of cubbies' commands. */
function unknownCommand(name: string, program: Command): string {
  const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Unknown command '${sanitise(name)}'; the commands are ${list}.`;
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('cubbies');
  program
    .description('A terminal game that teaches memory management: malloc, free and a garbage collector, box by box.')
    .version(VERSION, '-V, --version', 'print the version number')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: () => {}, // usage errors are printed by runCli as one plain sentence
    })
    .exitOverride()
    .addHelpText(
      'after',
      [
        '',
        "With no command, cubbies opens the title screen (campaign, today's puzzle, custom level, compare, help).",
        'A <level> is a built-in level id or campaign number (see `cubbies levels`) or a path to a .json level file.',
        `Collectors: ${COLLECTORS.join(', ')}.`,
        'Progress is saved under $CUBBIES_HOME, else your user data folder.',
      ].join('\n'),
    );

  const subcommands: Command[] = [];
  const sub = (nameAndArgs: string): Command => {
    const cmd = program.command(nameAndArgs);
    subcommands.push(cmd);
    return cmd;
  };

  sub('play')
    .argument('<level>', 'a built-in level id, its campaign number, or a .json path')
    .description('play a level by hand: malloc, free, step')
    .action(async (level: string) => {
      setExitCode(await onScreen('cubbies play', level, async () => (await commands.play()).play({ level })));
    });

  sub('watch')
    .argument('<level>', 'a built-in level id, its campaign number, or a .json path')
    .description('watch the automatic runtime play a level, animated')
    .addOption(collectorOption('--gc <collector>', "the collector to watch (default: the level's own)", parseCollector))
    .action(async (level: string, opts: { gc?: ReturnType<typeof parseCollector> }) => {
      setExitCode(
        await onScreen('cubbies watch', level, async () =>
          (await commands.watch()).watch({ level, ...(opts.gc ? { gc: opts.gc } : {}) }),
        ),
      );
    });

  sub('compare')
    .argument('<level>', 'a built-in level id, its campaign number, or a .json path')
    .description('compare your best run (or a replay), the oracle and the collectors; no terminal needed')
    .option('--replay <file>', 'a replay file to compare instead of your best saved run')
    .addOption(
      collectorOption(
        '--gc <collectors>',
        "collectors to run: C[,C...] or all (default: the level's own)",
        parseCollectorList,
      ),
    )
    .option('--json', 'print the metrics as JSON', false)
    .action(
      async (level: string, opts: { replay?: string; gc?: ReturnType<typeof parseCollectorList>; json: boolean }) => {
        setExitCode(
          await (await commands.compare()).compare({
            level,
            json: opts.json === true,
            ...(opts.replay !== undefined ? { replay: opts.replay } : {}),
            ...(opts.gc !== undefined ? { gc: opts.gc } : {}),
          }),
        );
      },
    );

  sub('review')
    .argument('<level>', 'a built-in level id or a .json path')
    .description('step through a run moment by moment, side by side with another')
    .option('--replay <file>', 'a replay file to review instead of your best saved run')
    .addOption(
      collectorOption('--run <run>', 'the run to review: you, oracle, par or a collector (default: you)', parseRun),
    )
    .addOption(collectorOption('--vs <run>', 'the run shown beside it (Tab changes it)', parseRun))
    .addOption(collectorOption('--at <tick>', 'open at this tick instead of the first bug', parseTick))
    .action(
      async (
        level: string,
        opts: { replay?: string; run?: ReturnType<typeof parseRun>; vs?: ReturnType<typeof parseRun>; at?: number },
      ) => {
        setExitCode(
          hasTerminal()
            ? await (await commands.review()).review({
                level,
                ...(opts.replay !== undefined ? { replay: opts.replay } : {}),
                ...(opts.run !== undefined ? { run: opts.run } : {}),
                ...(opts.vs !== undefined ? { vs: opts.vs } : {}),
                ...(opts.at !== undefined ? { at: opts.at } : {}),
              })
            : needsTerminal('cubbies review', level),
        );
      },
    );

  sub('solve')
    .argument('<level>', 'a built-in level id or a .json path')
    .description("print the level's par: the oracle's or the solver's run, as a replay")
    .option('--json', 'print the par as JSON (a replay file with its score)', false)
    .action(async (level: string, opts: { json: boolean }) => {
      setExitCode(await (await commands.solve()).solve({ level, json: opts.json === true }));
    });

  sub('generate')
    .description('make a fresh puzzle the solver certifies, from a seed')
    .addOption(new Option('--seed <n>', 'the seed: the same seed gives the same level').argParser(parseSeed))
    .addOption(
      new Option('--difficulty <d>', `${DIFFICULTIES.join(', ')} (hard: first fit runs out of memory)`)
        .argParser(parseDifficulty)
        .default('normal'),
    )
    .option('-o, --out <file>', 'write the level to this file instead of printing it')
    .action(async (opts: { seed?: number; difficulty: Difficulty; out?: string }) => {
      setExitCode(
        await (await commands.generate()).generate({
          difficulty: opts.difficulty,
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.out !== undefined ? { out: opts.out } : {}),
        }),
      );
    });

  sub('validate')
    .argument('<file...>', 'level files to check')
    .description('check level files; exit 1 if any is invalid')
    .action(async (files: string[]) => {
      setExitCode(await (await commands.validate()).validate({ files }));
    });

  sub('levels')
    .description('list the built-in levels with your best scores')
    .option('--json', 'print the list as JSON', false)
    .action(async (opts: { json: boolean }) => {
      setExitCode(await (await commands.levels()).levels({ json: opts.json === true }));
    });

  // `cubbies` alone opens the title screen. The program needs an action for that, and
  // then commander hands unknown command names to it as arguments: report them here.
  program.allowExcessArguments(true).action(async (_opts: unknown, cmd: Command) => {
    if (cmd.args.length > 0) {
      throw new UsageError(unknownCommand(cmd.args[0], program));
    }
    setExitCode(await onScreen('The cubbies title screen', undefined, async () => (await commands.title()).title({})));
  });

  // Remember which command an error came from, for the sentence.
  for (const cmd of [program, ...subcommands]) {
    const name = cmd === program ? '' : cmd.name();
    cmd.exitOverride((error) => {
      throw Object.assign(error, { cubbiesCommand: name });
    });
  }
  return program;
}

/**
 * Runs the command line on `argv` (the user's arguments, without node and the script)
 * and resolves with the exit code. Never throws: unexpected errors become one sentence
 * on stderr and exit code 1 (with the stack as well when CUBBIES_DEBUG=1).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    const program = buildProgram((code) => {
      exitCode = code;
    });
    // `cubbies help foo`: commander would print the whole help and never say foo is unknown.
    if (argv[0] === 'help' && argv[1] !== undefined && !program.commands.some((c) => c.name() === argv[1])) {
      throw new UsageError(unknownCommand(argv[1], program));
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      const commandName = (error as CommanderError & { cubbiesCommand?: string }).cubbiesCommand ?? '';
      process.stderr.write(`${usageSentence(error, commandName)}\n${USAGE_HINT}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE_HINT}\n`);
      return EXIT_USAGE;
    }
    reportCrash(error);
    return EXIT_INVALID_INPUT;
  }
}

/** Prints the one-sentence report of an unexpected error (and the stack if CUBBIES_DEBUG=1). */
export function reportCrash(error: unknown): void {
  process.stderr.write(`${crashSentence(error)}\n`);
  if (process.env.CUBBIES_DEBUG === '1' && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
}
