// `cubbies validate <file>...`: check level files.
// Exit 0 when every file is valid, 1 when any is invalid (every problem reported, as
// plain sentences with JSON paths and line:column), never a stack trace.
import { certifyLevelJson } from '../../engine/index.js';
import { checkLevelFile } from '../../levels/load.js';
import { sanitise } from '../../ui/sanitise.js';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';

export interface ValidateOptions {
  /** The level file paths, in the order given (at least one). */
  files: string[];
}

export async function validate(options: ValidateOptions): Promise<number> {
  // Validation holds the whole parsed level until it exits: V8's incremental marking, started
  // as the old generation grows past its first limit, ends in a full collection that frees
  // next to nothing (a 30 to 40 ms pause on a 100,000-value level). Without it V8 collects at
  // once when that generation reaches its limit, which one level within the limits does not
  // (files validated together still are). V8 reads the flag at each collection: it can be set now.
  setFlagsFromString('--no-incremental-marking');
  let bad = 0;
  for (const file of options.files) {
    const r = checkLevelFile(resolve(file));
    if (r.ok) {
      const l = r.json;
      // Validation certified it already (the certificate is kept with the level's JSON).
      const par = certifyLevelJson(l);
      const who = !par.ok
        ? ''
        : par.by === 'oracle'
          ? ' The oracle (first fit) finishes it.'
          : ` First fit runs out of memory; the solver finishes it (${par.nodes} placements tried).`;
      process.stdout.write(
        `${file}: valid: "${sanitise(l.title)}" (${l.id}), ${l.values.length} values, ${l.memory} boxes, ${l.ticks} ticks.${who}\n`,
      );
    } else {
      bad++;
      process.stderr.write(`${r.message.replace(resolve(file), file)}\n`);
    }
  }
  if (options.files.length > 1)
    process.stdout.write(`${options.files.length - bad} of ${options.files.length} files are valid.\n`);
  return bad > 0 ? 1 : 0;
}
