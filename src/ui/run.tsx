// Running an Ink app in the player's terminal, and leaving it clean in every case:
// q, Ctrl+C (Ink's exit), SIGTERM/SIGHUP, or an unexpected error (one sentence on the
// restored screen, exit code 1).
//
// The app draws on the alternate screen, so the shell's screen comes back untouched
// when it ends. Those are the only escape sequences cubbies writes itself (colours are
// Ink's, and NO_COLOR is handled by the theme): entering and leaving the alternate
// screen and showing the cursor again, written once each, synchronously, on the way
// in and on the way out, however the way out comes.
import type { ReactNode } from 'react';
import { render, useApp, useInput } from 'ink';
import { ErrorBoundary, errorSentence } from './ErrorBoundary.js';
import { colorWanted, ThemeProvider } from './theme.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

function Guard({ children }: { children: ReactNode }) {
  const { exit } = useApp();
  // Ink exits on Ctrl+C only when it arrives alone; typed fast after other keys it comes
  // in the same chunk ("mall\x03") and would be taken as text.
  useInput((input) => {
    if (input.length > 1 && input.includes('\u0003')) exit();
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
  /** Where SIGTERM and SIGHUP come from (default: the process). */
  signals?: NodeJS.EventEmitter;
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
    if (alt) stdout.write(LEAVE_ALT_SCREEN);
    stdout.write(SHOW_CURSOR);
  };
  if (alt) stdout.write(ENTER_ALT_SCREEN);

  const instance = render(
    <ThemeProvider theme={{ color: colorWanted() }}>
      <Guard>{app}</Guard>
    </ThemeProvider>,
    {
      stdout,
      stdin: options.stdin ?? process.stdin,
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

  let code = 0;
  try {
    await instance.waitUntilExit();
  } catch (error) {
    restore();
    stderr.write(`${errorSentence(error)}\n`);
    code = 1;
  } finally {
    for (const s of signals) source.off(s, onSignal);
    restore();
    process.off('uncaughtException', bail);
    process.off('unhandledRejection', bail);
    process.off('exit', bail);
  }
  if (signalled) return 128 + (signalled === 'SIGTERM' ? 15 : 1);
  return code;
}
