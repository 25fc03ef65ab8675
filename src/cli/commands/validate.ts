// `cubbies validate <file>...`: check level files (GAME.md §4, §8).
// Exit 0 when every file is valid, 1 when any is invalid (every problem reported, as
// plain sentences with JSON paths), never a stack trace.

export interface ValidateOptions {
  /** The level file paths, in the order given (at least one). */
  files: string[];
}

/** Validates each file and prints the result; resolves with the process exit code. */
export async function validate(options: ValidateOptions): Promise<number> {
  // TODO(engine): load and validate each of options.files; print every problem; return 1 if any file is invalid.
  void options;
  process.stdout.write('cubbies validate is not built yet.\n');
  return 0;
}
