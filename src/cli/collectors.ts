// Parsing `--gc` on the command line: the collector names from the
// engine's vocabulary, one or a comma-separated list, or `all`.
import { COLLECTORS, type CollectorName } from '../engine/index.js';

export { COLLECTORS, type CollectorName };

export function isCollectorName(name: string): name is CollectorName {
  return (COLLECTORS as readonly string[]).includes(name);
}

function choices(): string {
  return `${COLLECTORS.slice(0, -1).join(', ')} or ${COLLECTORS[COLLECTORS.length - 1]}`;
}

/** Parses one collector name; throws an Error whose message is one plain sentence. */
export function parseCollector(text: string): CollectorName {
  const name = text.trim();
  if (isCollectorName(name)) return name;
  throw new Error(`'${text}' is not a collector; choose ${choices()}.`);
}

/** Parses `C[,C...]` or `all` into a list without duplicates, in the order given. */
export function parseCollectorList(text: string): CollectorName[] {
  if (text.trim() === 'all') return [...COLLECTORS];
  const names = text.split(',').map((part) => part.trim());
  if (names.some((name) => name === '')) {
    throw new Error(
      `'${text}' is not a list of collectors; write them separated by commas, like mark-sweep,refcount, or write all.`,
    );
  }
  const out: CollectorName[] = [];
  for (const name of names) {
    if (!isCollectorName(name)) {
      throw new Error(`'${name}' is not a collector; choose ${choices()}, or all.`);
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
