// `cubbies` with no command: the title screen (campaign, custom level, compare, help).
//
// main.ts only calls this when stdin and stdout are a terminal.

/** No options yet; kept so every command has the same shape. */
export type TitleOptions = Record<string, never>;

/** Runs the title screen; resolves with the process exit code. */
export async function title(options: TitleOptions = {}): Promise<number> {
  // TODO(ui): render the Ink title screen.
  void options;
  process.stderr.write('The title screen is not built yet.\n');
  return 2;
}
