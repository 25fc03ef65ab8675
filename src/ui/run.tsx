// Running an Ink app in the player's terminal, and leaving it clean in every case:
// q, Ctrl+C (Ink's exit), SIGTERM/SIGHUP, or an unexpected error (one sentence on the
// restored screen, exit code 1).
//
// The app draws on the alternate screen, so the shell's screen comes back untouched
// when it ends. Those are the only escape sequences cubbies writes itself (colours are
// Ink's, and NO_COLOR is handled by the theme): entering and leaving the alternate
// screen and showing the cursor again, written once each, synchronously, on the way
// in and on the way out, however the way out comes.
//
// Ctrl+Z (and an outside SIGTSTP) suspends like any terminal program: raw mode off, the
// shell's screen back, the cursor shown, then the process stops; on SIGCONT (fg) raw mode
// and the alternate screen come back and the frame is drawn again in full.
import type { ReactNode } from 'react';
import { render, useApp, useInput } from 'ink';
// Ink keeps its instances by stdout; the redraw after a suspend needs the instance itself.
import inkInstances from '../../node_modules/ink/build/instances.js';
import { ErrorBoundary, errorSentence } from './ErrorBoundary.js';
import { colorWanted, ThemeProvider } from './theme.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';
const HIDE_CURSOR = '\u001B[?25l';
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** Asks the app's runner to suspend (Ctrl+Z in raw mode arrives as a key, not a signal). */
type Suspend = () => void;

function Guard({ children, suspend }: { children: ReactNode; suspend: Suspend }) {
  const { exit } = useApp();
  // Ink exits on Ctrl+C only when it arrives alone; typed fast after other keys it comes
  // in the same chunk ("mall\x03") and would be taken as text.
  useInput((input, key) => {
    if (input.length > 1 && input.includes('\u0003')) exit();
    else if ((key.ctrl && input === 'z') || input.includes('\u001a')) suspend();
  });
  return <ErrorBoundary onError={(error) => exit(error)}>{children}</ErrorBoundary>;
}

export interface RunOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  /** Use the alternate screen (default: when stdout is a terminal). */
  altScreen?: boolean;
  /** Let Ink hold console output while it draws (default true; tests turn it off). */
  patchConsole?: boolean;
  /** Where SIGTERM, SIGHUP, SIGTSTP and SIGCONT come from (default: the process). */
  signals?: NodeJS.EventEmitter;
  /** Stops the process after a suspend (default: SIGSTOP to itself; tests replace it). */
  stop?: () => void;
}

/** Ink's instance for a stdout, with the parts a full redraw needs (absent in another Ink version). */
interface InkInternals {
  log?: { clear?: () => void };
  restoreLastOutput?: () => void;
}

/** Renders the app until it exits; resolves with the process exit code. */
export async function runApp(app: ReactNode, options: RunOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const alt = options.altScreen ?? stdout.isTTY === true;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (rawEarly && stdin.isRaw === true) stdin.setRawMode(false);
    if (alt) stdout.write(LEAVE_ALT_SCREEN);
    stdout.write(SHOW_CURSOR);
  };
  if (alt) stdout.write(ENTER_ALT_SCREEN);

  const stdin = options.stdin ?? process.stdin;
  // Raw mode from the start, not from the first input hook's effect: a key typed while the
  // first frame is drawn then arrives as the key it is (Enter as Enter, not a cooked newline).
  const rawEarly = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  if (rawEarly) stdin.setRawMode(true);
  const stop = options.stop ?? (() => process.kill(process.pid, 'SIGSTOP'));
  // Suspend: give the terminal back as it was, then stop. Resume: take it again and redraw.
  let rawBefore = false;
  const suspend = () => {
    rawBefore = stdin.isTTY === true && stdin.isRaw === true;
    if (rawBefore) stdin.setRawMode(false);
    if (alt) stdout.write(LEAVE_ALT_SCREEN);
    stdout.write(SHOW_CURSOR);
    stop();
  };
  const resume = () => {
    if (stdin.isTTY === true && (rawBefore || stdin.isRaw === true)) stdin.setRawMode(true);
    if (alt) stdout.write(ENTER_ALT_SCREEN);
    stdout.write(`${CLEAR_SCREEN}${HIDE_CURSOR}`);
    const ink = (inkInstances as unknown as WeakMap<object, InkInternals>).get(stdout);
    ink?.log?.clear?.();
    ink?.restoreLastOutput?.();
  };

  const instance = render(
    <ThemeProvider theme={{ color: colorWanted() }}>
      <Guard suspend={suspend}>{app}</Guard>
    </ThemeProvider>,
    {
      stdout,
      stdin,
      stderr,
      exitOnCtrlC: true,
      patchConsole: options.patchConsole ?? true,
      maxFps: 60,
    },
  );

  // If the process ends some other way (an error outside drawing reaches main.ts, which
  // prints a sentence and exits), Ink's last frame goes to the alternate screen and the
  // shell's screen comes back before anything else is written.
  const bail = () => {
    instance.unmount();
    restore();
  };
  process.prependListener('uncaughtException', bail);
  process.prependListener('unhandledRejection', bail);
  process.prependListener('exit', bail);

  // A signal ends the app the way q does: unmount (Ink restores raw mode and the cursor), then restore the screen.
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  const source = options.signals ?? process;
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    signalled = signal;
    instance.unmount();
  };
  for (const s of signals) source.on(s, onSignal);
  source.on('SIGTSTP', suspend);
  source.on('SIGCONT', resume);

  let code = 0;
  try {
    await instance.waitUntilExit();
  } catch (error) {
    restore();
    stderr.write(`${errorSentence(error)}\n`);
    code = 1;
  } finally {
    for (const s of signals) source.off(s, onSignal);
    source.off('SIGTSTP', suspend);
    source.off('SIGCONT', resume);
    restore();
    process.off('uncaughtException', bail);
    process.off('unhandledRejection', bail);
    process.off('exit', bail);
  }
  if (signalled) return 128 + (signalled === 'SIGTERM' ? 15 : 1);
  return code;
}
