// Big inputs on several cores: a file is cut into parts at line starts, each part is scanned by a thread with the
// lines around it as context (so it finds what a scan of the whole file finds there), and the main thread writes the
// parts' output in order, exactly as one thread would have. The main thread scans parts too: it starts on the first
// while the worker threads are still loading. Small files are whole jobs of their own, so that many
// files keep every core busy too. Parts report their line count first: a part's lines are numbered once the parts
// before it have said how many lines they hold.
import { open } from 'node:fs/promises';
import { parentPort, Worker } from 'node:worker_threads';
import { BINARY_PROBE, isBinary } from '../core/binary';
import type { Catalog } from '../core/catalog/catalog';
import { looksLikeMessage } from '../core/dsn/mime';
import { SCAN_REACH } from '../core/scan/scanner';
import { jsonFormatter, LEVEL_RANK, levelOf, recipientLevel, SummaryCounts, textFormatter, type Formatter, type SummaryData } from './format';
import { Output } from './output';
import { CONTEXT_BYTES, Positions, scanInput, scanLines, sinkFor, type Hit, type RecipientHit, type ScanEvents } from './scan';
import { fileInput, fileRange, reasonOf } from './source';
import { styleFor } from './terminal';

/** What the worker threads produce: the summary's counts, or text or JSON Lines (with or without colour). */
export interface WorkerFormat {
  format: 'summary' | 'text' | 'json';
  colour: boolean;
  all: boolean;
}

/** A job: a whole file, or the part [start, end) of one (byte offsets at line starts). */
interface Job {
  id: number;
  /** Which of the inputs (a file named twice is scanned twice). */
  input: number;
  path: string;
  start?: number;
  end?: number;
}

type Request = { type: 'job'; job: Job } | { type: 'format'; id: number; base: number } | { type: 'drop'; id: number };
type Reply =
  | { type: 'scanned'; id: number; lines: number }
  | { type: 'done'; id: number; text: string; counts?: SummaryData; worst: number; notes: string[]; error?: string };

/**
 * Below this much input, a worker thread costs more than it saves: it loads the tool and its catalog and warms up
 * (its compiler competing with the main thread's for the cores); on 2 cores, 30 MB took longer on 2 threads than on
 * one, 50 MB about as long.
 */
const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/** Parts are about this big (and at least one per thread): small enough that the threads finish together. */
const PART_BYTES = 8 * 1024 * 1024;
const MAX_THREADS = 8;

// ---- the main thread ----

/**
 * Worker threads to use for these inputs: as many as there are free cores (the cores less the load average), 0 for
 * none (standard input, fewer than two free cores). MAIL_ERROR_CODES_THREADS sets the number (1: none).
 */
export function threadsFor(files: readonly string[], cores: number, load: number, env: NodeJS.ProcessEnv = process.env): number {
  if (files.includes('-')) return 0;
  const set = Math.floor(Number(env.MAIL_ERROR_CODES_THREADS));
  const threads = Math.min(MAX_THREADS, set > 0 ? set : Math.round(cores - load));
  return threads > 1 ? threads : 0;
}

/**
 * The jobs for these files, in order, or undefined when there is too little input to share out. A big log is cut into
 * parts; a message (.eml, or a file that starts like one), a file that cannot be read and a small file are whole jobs.
 */
export async function planJobs(files: readonly string[], threads: number, env: NodeJS.ProcessEnv = process.env): Promise<Job[] | undefined> {
  const partBytes = Number(env.MAIL_ERROR_CODES_PART_BYTES) || PART_BYTES;
  const minBytes = env.MAIL_ERROR_CODES_PART_BYTES ? 0 : PARALLEL_MIN_BYTES;
  const jobs: Job[] = [];
  let total = 0;
  for (const [input, path] of files.entries()) {
    const whole = () => void jobs.push({ id: jobs.length, input, path });
    let handle;
    try {
      handle = await open(path, 'r');
    } catch {
      whole();
      continue;
    }
    try {
      const stat = await handle.stat();
      total += stat.size;
      if (!stat.isFile() || stat.size < 2 * partBytes || /\.eml$/i.test(path)) {
        whole();
        continue;
      }
      const head = Buffer.allocUnsafe(64 * 1024);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const bom = bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      if (isBinary(head.subarray(0, Math.min(bytesRead, BINARY_PROBE))) || looksLikeMessage(head.toString('utf8', bom ? 3 : 0, bytesRead))) {
        whole();
        continue;
      }
      // Parts of about partBytes, as many as a multiple of the threads (so that they finish together); each cut moved
      // on to the next line start.
      const count = Math.ceil(stat.size / partBytes / threads) * threads;
      let start = 0;
      for (let k = 1; k <= count && start < stat.size; k++) {
        const end = k === count ? stat.size : await lineStartFrom(handle, Math.max(start + 1, Math.round((stat.size * k) / count)), stat.size);
        if (end > start) jobs.push({ id: jobs.length, input, path, start, end });
        start = end;
      }
    } finally {
      await handle.close();
    }
  }
  return total >= minBytes && jobs.length > 1 ? jobs : undefined;
}

/** The first line start at or after `at` (the end of the file when no line break follows). */
async function lineStartFrom(handle: Awaited<ReturnType<typeof open>>, at: number, size: number): Promise<number> {
  const block = Buffer.allocUnsafe(64 * 1024);
  for (let pos = at - 1; pos < size; ) {
    const { bytesRead } = await handle.read(block, 0, block.length, pos);
    if (!bytesRead) break;
    const nl = block.subarray(0, bytesRead).indexOf(10);
    if (nl >= 0) return pos + nl + 1;
    pos += bytesRead;
  }
  return size;
}

export interface ParallelRun {
  format: WorkerFormat;
  /** The catalog, for the parts the main thread scans. */
  catalog(): Catalog;
  /** The summary's counts (summary format). */
  counts?: SummaryCounts;
  out: Output;
  /** A remark about an input, and the reason it could not be read, as the main thread prints them. */
  note(file: string, message: string): void;
  fail(file: string, reason: string): void;
}

/** A thread that takes jobs: a worker thread, or the main thread itself. */
interface JobThread {
  postMessage(request: Request): void;
}

/**
 * Runs the jobs on `threads` threads: the main thread and threads - 1 worker threads. Returns the worst level found
 * and whether an input could not be read.
 */
export async function runParallel(jobs: Job[], threads: number, run: ParallelRun): Promise<{ worst: number; unreadable: boolean }> {
  const spawned = Array.from({ length: Math.min(threads, jobs.length) - 1 }, () => new Worker(__filename, { workerData: { mailErrorCodesWorker: run.format } }));
  const threadCount = spawned.length + 1;
  const results = new Map<number, Extract<Reply, { type: 'done' }>>();
  const lines = new Map<number, number>();
  const bases = new Map<number, number>();
  /** Parts scanned whose lines are not numbered yet, with the worker that holds them. */
  const waiting = new Map<number, JobThread>();
  /** Inputs that failed: their later parts are not written. */
  const failed = new Set<number>();
  /** Parts whose lines cannot be numbered because a part before them failed. */
  const lost = new Set<number>();
  let worst = 0;
  let unreadable = false;
  let nextJob = 0;
  let nextWrite = 0;
  const idle: JobThread[] = [];
  const isPart = (j: Job) => j.start !== undefined;
  const firstPart = (j: Job) => j.start === 0;

  let finished = false;
  return new Promise<{ worst: number; unreadable: boolean }>((resolve, reject) => {
    // A thread that fails or ends early ends the run: the others are stopped, so that the process can exit.
    const fail = (error: unknown) => {
      if (finished) return;
      finished = true;
      void Promise.all(spawned.map((w) => w.terminate())).finally(() => reject(error));
    };
    const dispatch = () => {
      // Not too far ahead of what is written: finished parts wait in memory until their turn.
      while (idle.length && nextJob < jobs.length && nextJob - nextWrite < threadCount * 4) {
        idle.pop()!.postMessage({ type: 'job', job: jobs[nextJob++] } satisfies Request);
      }
    };
    /** Numbers the lines of the parts whose predecessors have said how many lines they hold. */
    const number = () => {
      for (let progress = true; progress; ) {
        progress = false;
        for (const [id, worker] of waiting) {
          const before = id - 1;
          if (!firstPart(jobs[id]) && lost.has(before)) {
            // A part before this one failed: its output is never written.
            waiting.delete(id);
            lost.add(id);
            worker.postMessage({ type: 'drop', id } satisfies Request);
            results.set(id, { type: 'done', id, text: '', worst: 0, notes: [] });
            progress = true;
            continue;
          }
          const base = firstPart(jobs[id]) ? 0 : bases.has(before) && lines.has(before) ? bases.get(before)! + lines.get(before)! : undefined;
          if (base === undefined) continue;
          bases.set(id, base);
          waiting.delete(id);
          worker.postMessage({ type: 'format', id, base } satisfies Request);
          progress = true;
        }
      }
    };
    const write = async () => {
      while (results.has(nextWrite)) {
        const r = results.get(nextWrite)!;
        const job = jobs[nextWrite];
        results.delete(nextWrite);
        nextWrite++;
        if (failed.has(job.input) && isPart(job) && !firstPart(job)) continue;
        run.out.lines(r.text);
        if (r.counts) run.counts?.merge(r.counts);
        worst = Math.max(worst, r.worst);
        if (r.notes.length || r.error) await run.out.flush();
        for (const note of r.notes) run.note(job.path, note);
        if (r.error) {
          unreadable = true;
          failed.add(job.input);
          run.fail(job.path, r.error);
        }
      }
      await run.out.drain();
      dispatch();
      if (nextWrite === jobs.length && !finished) {
        finished = true;
        await Promise.all(spawned.map((w) => w.terminate()));
        resolve({ worst, unreadable });
      }
    };
    let writing = Promise.resolve();
    const received = (thread: JobThread, reply: Reply) => {
      if (reply.type === 'scanned') {
        lines.set(reply.id, reply.lines);
        waiting.set(reply.id, thread);
        idle.push(thread);
        number();
      } else {
        results.set(reply.id, reply);
        if (reply.error && isPart(jobs[reply.id])) lost.add(reply.id);
        if (!isPart(jobs[reply.id]) || run.format.format === 'summary' || reply.error) idle.push(thread);
        number();
      }
      writing = writing.then(write).catch(fail);
    };
    for (const worker of spawned) {
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code})`)));
      worker.on('message', (reply: Reply) => received(worker, reply));
    }
    // The main thread: its jobs run between the events of the others (each region is a few milliseconds).
    let queue = Promise.resolve();
    const main: JobThread = {
      postMessage: (request) => {
        queue = queue.then(() => runner.handle(request)).catch(fail);
      },
    };
    const runner = new JobRunner(run.format, run.catalog, (reply) => received(main, reply));
    // The main thread is taken first (pop): it starts while the worker threads load.
    idle.push(...spawned, main);
    dispatch();
  });
}

// ---- a thread's side ----

/** A worker thread: takes jobs one after the other, answers each. */
export function runWorker(format: WorkerFormat, makeCatalog: () => Catalog): void {
  const port = parentPort!;
  const runner = new JobRunner(format, makeCatalog, (reply) => port.postMessage(reply));
  let queue = Promise.resolve();
  port.on('message', (request: Request) => {
    queue = queue.then(() => runner.handle(request));
  });
}

/** Scans jobs and answers each through `post` (on a worker thread, or on the main thread). */
class JobRunner {
  private catalog?: Catalog;
  private readonly held = new Map<number, { hits: Hit[]; path: string }>();

  constructor(private readonly format: WorkerFormat, private readonly makeCatalog: () => Catalog, private readonly post: (reply: Reply) => void) {}

  async handle(request: Request): Promise<void> {
    const { format, held } = this;
    if (request.type === 'drop') {
      held.delete(request.id);
      return;
    }
    if (request.type === 'format') {
      const h = held.get(request.id)!;
      held.delete(request.id);
      for (const hit of h.hits) {
        hit.line += request.base;
        hit.endLine += request.base;
      }
      this.post({ type: 'done', id: request.id, ...this.formatHits(h.path, h.hits) });
      return;
    }
    const job = request.job;
    const catalog = (this.catalog ??= this.makeCatalog());
    const counts = format.format === 'summary' ? new SummaryCounts() : undefined;
    const hits: Hit[] = [];
    const recipients: RecipientHit[] = [];
    const notes: string[] = [];
    const events: ScanEvents = {
      hits: (h) => void hits.push(...h),
      findings: counts ? (found) => void found.forEach((f) => levelOf(f.class, format.all) && counts.add(f)) : undefined,
      recipients: (found) => void recipients.push(...found.filter((r) => recipientLevel(r.outcome, format.all))),
      note: (message) => void notes.push(message),
    };
    let error: string | undefined;
    let lines = 0;
    try {
      if (job.start === undefined) {
        await scanInput(fileInput(job.path), catalog, events);
      } else {
        const positions = new Positions();
        // Read on past the part's end: the lines after it are its look-ahead.
        const reader = await fileRange(job.path, job.start);
        try {
          await scanLines(reader, catalog, sinkFor(events, positions), { context: await contextBefore(job.path, job.start), stopAt: job.end! - job.start, skipBom: job.start === 0 });
        } finally {
          await reader.close();
        }
        lines = positions.line - 1;
      }
    } catch (e) {
      error = reasonOf(e);
    }
    if (counts) {
      for (const r of recipients) counts.addRecipient(r.outcome);
      const worst = Math.max(0, ...counts.groups.map((g) => LEVEL_RANK[levelOf(g.class, format.all)!]), ...recipients.map((r) => LEVEL_RANK[recipientLevel(r.outcome, format.all)!]));
      this.post({ type: 'done', id: job.id, text: '', counts: counts.data(), worst, notes, error });
    } else if (job.start === undefined || error) {
      this.post({ type: 'done', id: job.id, ...this.formatHits(job.path, hits, recipients), notes, error });
    } else {
      held.set(job.id, { hits, path: job.path });
      this.post({ type: 'scanned', id: job.id, lines });
    }
  }

  /** A file's findings, then the recipients of a message (a part of a file has no recipients: it is not a message). */
  private formatHits(path: string, hits: Hit[], recipients: RecipientHit[] = []) {
    const format = this.format;
    const out = new Output(null);
    const formatter: Formatter = format.format === 'json' ? jsonFormatter(out) : textFormatter(out, styleFor(format.colour));
    let worst = 0;
    for (const hit of hits) {
      const level = levelOf(hit.finding.class, format.all);
      if (!level) continue;
      worst = Math.max(worst, LEVEL_RANK[level]);
      formatter.hit(path, hit, level);
    }
    for (const r of recipients) {
      const level = recipientLevel(r.outcome, format.all)!;
      worst = Math.max(worst, LEVEL_RANK[level]);
      formatter.recipient(path, r, level);
    }
    return { text: out.take(), worst, notes: [] as string[] };
  }
}

/**
 * The lines before `start` that a scan of the whole file would see (SCAN_REACH.linesBefore of them, each to its first
 * CONTEXT_BYTES), read backwards from `start`.
 */
async function contextBefore(path: string, start: number): Promise<Uint8Array> {
  if (start === 0) return new Uint8Array(0);
  const handle = await open(path, 'r');
  try {
    // Line starts before `start`, nearest first, until enough lines (or the start of the file) are found.
    const starts: number[] = [];
    const block = Buffer.allocUnsafe(64 * 1024);
    let pos = start - 1; // the line break that ends the line before
    while (starts.length < SCAN_REACH.linesBefore && pos > 0) {
      const from = Math.max(0, pos - block.length);
      const { bytesRead } = await handle.read(block, 0, pos - from, from);
      for (let i = bytesRead - 1; i >= 0 && starts.length < SCAN_REACH.linesBefore; i--) if (block[i] === 10) starts.push(from + i + 1);
      pos = from;
    }
    if (starts.length < SCAN_REACH.linesBefore && pos === 0) starts.push(0);
    const parts: Buffer[] = [];
    for (let k = starts.length - 1; k >= 0; k--) {
      const lineStart = starts[k];
      const lineEnd = k > 0 ? starts[k - 1] : start;
      const keep = Math.min(lineEnd - lineStart, CONTEXT_BYTES + 1);
      const line = Buffer.allocUnsafe(keep);
      await handle.read(line, 0, keep, lineStart);
      if (keep < lineEnd - lineStart) {
        // Cut at a character boundary, with its line break.
        let cut = CONTEXT_BYTES;
        while (cut > 0 && (line[cut] & 0xc0) === 0x80) cut--;
        line[cut] = 10;
        parts.push(line.subarray(0, cut + 1));
      } else parts.push(line);
    }
    return Buffer.concat(parts);
  } finally {
    await handle.close();
  }
}
