// `cubbies validate <file>...`: check level files.
// Exit 0 when every file is valid, 1 when any is invalid (every problem reported, as
// plain sentences with JSON paths and line:column), never a stack trace.
import { certifyLevelJson, verdictOf, type Level, type Verdict } from '../../engine/index.js';
import { checkLevelText, readLevelText, uncertified } from '../../levels/load.js';
import { sanitise } from '../../ui/sanitise.js';
import { startCertification } from '../certify-thread.js';
import { resolve } from 'node:path';

export interface ValidateOptions {
  /** The level file paths, in the order given (at least one). */
  files: string[];
}

export async function validate(options: ValidateOptions): Promise<number> {
  let bad = 0;
  for (const file of options.files) {
    const r = await checkFile(resolve(file));
    if (r.ok) {
      const { json: l, verdict } = r;
      const who =
        verdict.by === 'oracle'
          ? ' The oracle (first fit) finishes it.'
          : ` First fit runs out of memory; the solver finishes it (${verdict.nodes} placements tried).`;
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

/** Every check of one file; a big level is certified on a second thread while this one checks the rest. */
async function checkFile(
  path: string,
): Promise<{ ok: true; json: Level; verdict: Verdict & { ok: true } } | { ok: false; message: string }> {
  const read = readLevelText(path);
  if (!read.ok) return read;
  const pending = startCertification(read.text);
  const checked = checkLevelText(path, read.text, { certify: false });
  if (!checked.ok) {
    pending?.stop();
    return checked;
  }
  const verdict = (await pending?.verdict()) ?? verdictOf(certifyLevelJson(checked.json));
  if (!verdict.ok) return { ok: false, message: uncertified(path, checked.json, verdict) ?? verdict.error };
  return { ok: true, json: checked.json, verdict };
}
