// `cubbies generate [--seed N] [--difficulty easy|normal|hard] [-o FILE]`: a fresh
// puzzle the solver certifies, printed or written to FILE. The same seed and difficulty
// give the same bytes; without --seed, a seed is drawn and printed so it can be replayed.
import { existsSync, statSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { generateLevel, levelFileText, type Difficulty } from '../../engine/index.js';

export interface GenerateCliOptions {
  seed?: number;
  difficulty: Difficulty;
  out?: string;
}

export async function generate(options: GenerateCliOptions): Promise<number> {
  const seed = options.seed ?? Math.floor(Math.random() * 4294967296);
  const level = generateLevel({ seed, difficulty: options.difficulty });
  const text = levelFileText(level);
  if (options.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    if (existsSync(options.out) && statSync(options.out).isDirectory()) {
      process.stderr.write(`Can't write ${options.out}: it is a folder; give a file name, like puzzle.json.\n`);
      return 1;
    }
    writeFileAtomic.sync(options.out, text, { encoding: 'utf8' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : `${(e as Error).message.replace(/\s+/g, ' ').replace(/[.\s]+$/, '')}`;
    process.stderr.write(`Can't write ${options.out}: ${why}.\n`);
    return 1;
  }
  process.stdout.write(
    `Wrote ${options.out}: "${level.title}", seed ${seed}, ${options.difficulty}. Play it with \`cubbies play ${options.out}\`.\n`,
  );
  return 0;
}
