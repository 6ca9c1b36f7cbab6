import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Conn } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { FieldsInput } from './search.fields.js';
import type { IndexKind, IndexTokens } from './search.encode.js';
import { indexFor } from './search.index.js';
import { vocabularyLines } from './search.vocabulary.js';

/**
 * Worker threads for the bulk index build (issue 6): the CPU-bound half of indexing (body
 * text and the tokens of every field, `fieldsOf`) runs in `os.availableParallelism() - 1`
 * workers (at least one) while the main thread reads rows and writes entries. Each worker loads
 * jieba with the vocabulary `segmenterFor` uses, read once when the pool opens, so its tokens
 * are exactly the in-thread ones. A worker that throws or exits fails every job it holds and
 * every later one; `close` terminates the workers so that nothing keeps the process alive.
 */

/**
 * What each worker starts with: jieba's user dictionary, one `word freq tag` per line, and the
 * index its tokens are encoded for.
 */
export interface SegmentWorkerData {
  lines: string;
  kind: IndexKind;
}

/** A batch of items to segment; `attachments[i]`: the attachment texts of `items[i]`. */
export interface SegmentRequest {
  id: number;
  items: FieldsInput[];
  attachments: string[][];
}

/** The encoded tokens of a batch, in the order of its items, or why the worker failed on it. */
export type SegmentReply = { id: number; tokens: IndexTokens[] } | { id: number; error: string };

/** Workers of a pool on this machine: all cores but the main thread's, at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** A worker's script: a file URL, or code when `eval`. */
export interface WorkerEntry {
  script: string | URL;
  eval: boolean;
}

/**
 * How to start the worker: the compiled `.js` beside this module in `dist/`; under tsx and
 * vitest (this module's own URL then ends in `.ts`) the `.ts` source through tsx's `tsImport`,
 * because Node 20 applies neither `--import tsx` nor loader hooks to a worker's entry file.
 */
function workerEntry(): WorkerEntry {
  if (!import.meta.url.endsWith('.ts'))
    return { script: new URL('./segment.worker.js', import.meta.url), eval: false };
  const worker = new URL('./segment.worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `import(${JSON.stringify(tsx)}).then((tsx) =>
    tsx.tsImport(${JSON.stringify(worker)}, { parentURL: ${JSON.stringify(worker)} }))`;
  return { script, eval: true };
}

interface Job {
  resolve: (tokens: IndexTokens[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

function failure(detail: string): AppError {
  return new AppError('ERR_SEARCH_WORKER_FAILED', 500, `检索索引分词线程失败：${detail}`);
}

/** A pool of segmentation workers; `fields` of a batch resolves in the batch's item order. */
export class SegmentPool {
  private readonly slots: Slot[] = [];
  private failed: AppError | null = null;
  private closing = false;
  private nextId = 1;

  private constructor(data: SegmentWorkerData, size: number, entry: WorkerEntry) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(entry.script, { eval: entry.eval, workerData: data });
      const slot: Slot = { worker, jobs: new Map() };
      worker.on('message', (reply: SegmentReply) => this.settle(slot, reply));
      worker.on('error', (e) => this.fail(failure(e.message)));
      worker.on('messageerror', (e) => this.fail(failure(e.message)));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(failure(`线程意外退出（退出码 ${code}）`));
      });
      this.slots.push(slot);
    }
  }

  /**
   * Starts `size` workers with the vocabulary of `conn`'s database (`entry`: another worker
   * script, for tests of failures).
   */
  static async open(
    conn: Conn,
    size = defaultPoolSize(),
    entry: WorkerEntry = workerEntry(),
  ): Promise<SegmentPool> {
    const data: SegmentWorkerData = {
      lines: await vocabularyLines(conn),
      kind: indexFor(conn).kind,
    };
    return new SegmentPool(data, Math.max(1, size), entry);
  }

  /**
   * The tokens of each item (`fieldsOf`) encoded for the database's index (`encodeFields`),
   * computed by the least busy worker.
   */
  tokens(items: FieldsInput[], attachments: string[][]): Promise<IndexTokens[]> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closing) return Promise.reject(failure('线程池已关闭'));
    const slot = this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      const req: SegmentRequest = { id, items, attachments };
      slot.worker.postMessage(req);
    });
  }

  private settle(slot: Slot, reply: SegmentReply): void {
    const job = slot.jobs.get(reply.id);
    if (!job) return;
    slot.jobs.delete(reply.id);
    if ('error' in reply) {
      const e = failure(reply.error.split('\n')[0] ?? reply.error);
      job.reject(e);
      this.fail(e);
    } else job.resolve(reply.tokens);
  }

  /** Fails every job in flight and every later one. */
  private fail(e: AppError): void {
    this.failed ??= e;
    for (const slot of this.slots) {
      for (const job of slot.jobs.values()) job.reject(this.failed);
      slot.jobs.clear();
    }
  }

  /** Terminates the workers; jobs still in flight fail. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.fail(failure('线程池已关闭'));
  }
}
