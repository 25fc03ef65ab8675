// npm run mutate: mutation testing of src/engine with StrykerJS, one engine folder at a time.
// The whole engine takes hours on a 2-core machine; run as one Stryker run, an interruption
// loses everything. Run folder by folder, each folder's results are kept as soon as it
// finishes (its own report and incremental file under reports/mutation/), and a later run
// retests only what changed. A big folder is run in batches of files (runtime.1, runtime.2,
// ...) of about an hour each, kept the same way. At the end the score of every folder
// measured so far is printed, each file counted once, from the newest report that holds it.
//
//   npm run mutate                     every folder, smallest first
//   npm run mutate -- runtime run      just these folders ("root" is src/engine/*.ts)
//   npm run mutate -- runtime.2        just one batch of a big folder
//   npm run mutate -- --report         print the scores of the saved reports, run nothing
//   npm run mutate -- --force runtime  test every mutant again, not only those whose code or tests changed
//   npm run mutate -- --survivors run.2  list the saved survivors of these folders or batches, run nothing
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const engine = join(root, 'src/engine');
const out = join(root, 'reports/mutation');
const baseConfig = JSON.parse(readFileSync(join(root, 'test/stryker.config.json'), 'utf8')) as Record<string, unknown>;

interface Shard {
  /** The folder ("root" for src/engine/*.ts), and the batch's number within it when it has more than one. */
  folder: string;
  name: string;
  /** Source files of the shard, relative to the repository. */
  files: string[];
}

/** A folder with more source than this is run in batches of about this much (about an hour each here). */
const BATCH_BYTES = 36_000;

const isSource = (f: string) => f.endsWith('.ts') && !f.endsWith('.d.ts');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : isSource(e.name) ? [join(dir, e.name)] : [],
  );
}

const bytes = (files: string[]) => files.reduce((n, f) => n + statSync(join(root, f)).size, 0);

/**
 * One shard per engine folder, and "root" for the files beside them (not index.ts, which
 * only re-exports), smallest first; a folder over BATCH_BYTES as batches of its files in
 * name order, so that a batch keeps its files while other folders change.
 */
function shards(): Shard[] {
  const entries = readdirSync(engine, { withFileTypes: true });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => ({ folder: e.name, files: walk(join(engine, e.name)).map((f) => relative(root, f)) }));
  folders.push({
    folder: 'root',
    files: entries
      .filter((e) => e.isFile() && isSource(e.name) && e.name !== 'index.ts')
      .map((e) => `src/engine/${e.name}`),
  });
  return folders
    .filter((f) => f.files.length > 0)
    .sort((a, b) => bytes(a.files) - bytes(b.files))
    .flatMap(({ folder, files }) => {
      const batches = batchesOf([...files].sort());
      return batches.map((b, k) => ({ folder, name: batches.length > 1 ? `${folder}.${k + 1}` : folder, files: b }));
    });
}

/** Files in order, cut into runs of at most BATCH_BYTES (a bigger file alone); one batch when the folder is small. */
function batchesOf(files: string[]): string[][] {
  if (bytes(files) <= BATCH_BYTES) return [files];
  const out: string[][] = [];
  let batch: string[] = [];
  for (const f of files) {
    if (batch.length > 0 && bytes([...batch, f]) > BATCH_BYTES) {
      out.push(batch);
      batch = [];
    }
    batch.push(f);
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

const reportOf = (name: string) => join(out, `${name}.json`);

/** Runs Stryker over one shard, with the base configuration and the shard's own files. */
function runShard(shard: Shard, force: boolean): boolean {
  const configPath = join(out, 'configs', `${shard.name}.json`);
  mkdirSync(join(out, 'configs'), { recursive: true });
  const { $schema: _schema, _comment: _c, ...rest } = baseConfig;
  const config = {
    ...rest,
    mutate: shard.files,
    incrementalFile: `reports/mutation/${shard.name}.incremental.json`,
    jsonReporter: { fileName: `reports/mutation/${shard.name}.json` },
    htmlReporter: { fileName: `reports/mutation/${shard.name}.html` },
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`\n== ${shard.name}: ${shard.files.length} files ==`);
  const started = Date.now();
  // Incremental mode keeps an old result while the mutant's own code and its tests are
  // unchanged, even when code around it changed what it does; --force tests all again.
  const r = spawnSync(join(root, 'node_modules/.bin/stryker'), ['run', configPath, ...(force ? ['--force'] : [])], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`== ${shard.name}: ${r.status === 0 ? 'done' : 'failed'} in ${minutes(Date.now() - started)} ==`);
  return r.status === 0;
}

const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Mutants that do not type-check or crash at load: not counted in the score, as in Stryker's own. */
  invalid: number;
}

/** The parts of Stryker's JSON report read here. */
interface Report {
  files: Record<
    string,
    {
      source: string;
      mutants: {
        id: string;
        status: string;
        mutatorName: string;
        replacement?: string;
        location: { start: Position; end: Position };
      }[];
    }
  >;
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;

type Mutants = Report['files'][string]['mutants'];

function tally(mutants: Mutants): Tally {
  const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 };
  for (const { status } of mutants) {
    if (status === 'Killed') t.killed++;
    else if (status === 'Timeout') t.timeout++;
    else if (status === 'Survived') t.survived++;
    else if (status === 'NoCoverage') t.noCoverage++;
    else t.invalid++;
  }
  return t;
}

/**
 * Each source file's mutants, from the newest saved report that holds it, and when that
 * report was made. A batch's files shift as files grow, so an older report can hold a file
 * that a newer batch holds now: a file is counted once, as last measured.
 */
function latestByFile(): Map<string, { mutants: Mutants; made: number }> {
  const latest = new Map<string, { mutants: Mutants; made: number }>();
  if (!existsSync(out)) return latest;
  for (const name of readdirSync(out)) {
    if (!name.endsWith('.json') || name.endsWith('.incremental.json')) continue;
    const path = join(out, name);
    const made = statSync(path).mtimeMs;
    const files = new Map<string, Mutants>();
    // A file the run was given but that has no mutant (types only) is not in the report: measured all the same.
    const config = join(out, 'configs', name);
    if (existsSync(config))
      for (const f of (JSON.parse(readFileSync(config, 'utf8')) as { mutate?: string[] }).mutate ?? [])
        files.set(f, []);
    for (const [file, { mutants }] of Object.entries(readReport(path).files))
      files.set(relative(root, resolve(root, file)), mutants);
    for (const [file, mutants] of files) {
      const known = latest.get(file);
      if (!known || known.made < made) latest.set(file, { mutants, made });
    }
  }
  return latest;
}

const score = (t: Tally) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? 100 : (100 * (t.killed + t.timeout)) / valid;
};

/** The score table, a line per folder with a measured file (each file as last measured); a folder older than its code says so. */
function printScores(all: Shard[]): void {
  const latest = latestByFile();
  const rows: string[] = [];
  const sum: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 };
  const missing: string[] = [];
  for (const folder of [...new Set(all.map((s) => s.folder))]) {
    const batches = all.filter((s) => s.folder === folder);
    const files = batches.flatMap((s) => s.files);
    const measured = files.filter((f) => latest.has(f));
    missing.push(...batches.filter((s) => s.files.some((f) => !latest.has(f))).map((s) => s.name));
    if (measured.length === 0) continue;
    const t: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0 };
    let stale = false;
    for (const f of measured) {
      const { mutants, made } = latest.get(f)!;
      const one = tally(mutants);
      for (const k of Object.keys(t) as (keyof Tally)[]) t[k] += one[k];
      stale ||= statSync(join(root, f)).mtimeMs > made;
    }
    for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
    const notes = [
      measured.length < files.length ? `${measured.length} of ${files.length} files` : '',
      stale ? 'code changed since' : '',
    ].filter(Boolean);
    rows.push(
      line(`src/engine/${folder === 'root' ? '*.ts' : folder}`, t) + (notes.length ? `  (${notes.join('; ')})` : ''),
    );
  }
  if (rows.length > 0) {
    console.log(`\n${'folder'.padEnd(22)} ${'score'.padStart(7)} killed timeout survived no-cov  invalid`);
    for (const r of rows) console.log(r);
    console.log(line(missing.length ? 'measured so far' : 'src/engine', sum));
  }
  if (missing.length) console.log(`not measured yet: ${missing.join(', ')} (npm run mutate -- ${missing.join(' ')})`);
}

interface Position {
  line: number;
  column: number;
}

/**
 * Each mutant a batch's report says survived or no test reached, with its line before and
 * after: Stryker's "true" or "false" often stands for one operand, not the whole condition,
 * so the column matters when planting it by hand.
 */
function printSurvivors(name: string): void {
  const report = readReport(reportOf(name));
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const { start, end } = m.location;
      const before = lines[start.line - 1] ?? '';
      const after =
        start.line === end.line
          ? before.slice(0, start.column - 1) + (m.replacement ?? '') + before.slice(end.column - 1)
          : `(lines ${start.line}-${end.line}) ${(m.replacement ?? '').split('\n')[0]} ...`;
      console.log(
        `${name} ${m.id} ${m.status} ${relative(root, file) || file}:${start.line}:${start.column} ${m.mutatorName}`,
      );
      console.log(`  - ${before.trim()}\n  + ${after.trim()}`);
    }
  }
}

function line(name: string, t: Tally): string {
  const n = (x: number, w: number) => String(x).padStart(w);
  return `${name.padEnd(22)} ${`${score(t).toFixed(1)}%`.padStart(7)} ${n(t.killed, 6)} ${n(t.timeout, 7)} ${n(t.survived, 8)} ${n(t.noCoverage, 6)} ${n(t.invalid, 8)}`;
}

const flags = ['--report', '--force', '--survivors'];
const args = process.argv.slice(2);
const names = args.filter((a) => !flags.includes(a));
const all = shards();
const unknown = names.filter((a) => !all.some((s) => s.name === a || s.folder === a));
if (unknown.length > 0) {
  const known = [...new Set(all.map((s) => s.folder))].map((f) => {
    const batches = all.filter((s) => s.folder === f);
    return batches.length > 1 ? `${f} (${batches[0]?.name} to ${batches[batches.length - 1]?.name})` : f;
  });
  console.error(`unknown folder ${unknown.join(', ')}: the folders are ${known.join(', ')}`);
  process.exit(2);
}
const chosen = names.length > 0 ? all.filter((s) => names.includes(s.name) || names.includes(s.folder)) : all;
if (args.includes('--survivors')) {
  for (const shard of chosen) if (existsSync(reportOf(shard.name))) printSurvivors(shard.name);
  process.exit(0);
}
let ok = true;
// Ctrl+C reaches Stryker too, which stops and cleans up; this process waits for it, then prints what was kept.
process.on('SIGINT', () => {});
if (!args.includes('--report')) {
  const started = Date.now();
  for (const shard of chosen) {
    ok = runShard(shard, args.includes('--force'));
    if (!ok) break;
  }
  console.log(`\nmutation testing took ${minutes(Date.now() - started)}`);
}
printScores(all);
process.exit(ok ? 0 : 1);
