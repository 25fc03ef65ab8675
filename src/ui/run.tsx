// Running an Ink app in the player's terminal, and leaving it clean in every case:
// q, Ctrl+C (Ink's exit), SIGTERM/SIGHUP, or an unexpected error (one sentence on the
// restored screen, exit code 1).
//
// The app draws on the alternate screen, so the shell's screen comes back untouched
// when it ends. Those are the only escape sequences cubbies writes itself (colours are
// Ink's, and NO_COLOR is handled by the theme): entering and leaving the alternate
// screen and showing the cursor again, written once each, synchronously, on the way
// in and the way out, and once more from an 'exit' hook in case the process ends some
// other way.
import type { ReactNode } from 'react';
import { render, useApp } from 'ink';
import { ErrorBoundary, errorSentence } from './ErrorBoundary.js';
import { colorWanted, ThemeProvider } from './theme.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

function Guard({ children }: { children: ReactNode }) {
  const { exit } = useApp();
  return <ErrorBoundary onError={(error) => exit(error)}>{children}</ErrorBoundary>;
}

export interface RunOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  /** Use the alternate screen (default: when stdout is a terminal). */
  altScreen?: boolean;
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
  process.once('exit', restore);

  const instance = render(
    <ThemeProvider theme={{ color: colorWanted() }}>
      <Guard>{app}</Guard>
    </ThemeProvider>,
    {
      stdout,
      stdin: options.stdin ?? process.stdin,
      stderr,
      exitOnCtrlC: true,
      patchConsole: true,
      maxFps: 60,
    },
  );

  // A signal ends the app the way q does: unmount (Ink restores raw mode and the cursor), then restore the screen.
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    signalled = signal;
    instance.unmount();
  };
  for (const s of signals) process.on(s, onSignal);

  let code = 0;
  try {
    await instance.waitUntilExit();
  } catch (error) {
    restore();
    stderr.write(`${errorSentence(error)}\n`);
    code = 1;
  } finally {
    for (const s of signals) process.off(s, onSignal);
    restore();
    process.off('exit', restore);
  }
  if (signalled) return 128 + (signalled === 'SIGTERM' ? 15 : 1);
  return code;
}
