import type { AppContext } from '../context.js';

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

/** Starts the job loop (in-process or standalone). */
export function startWorker(_ctx: AppContext, opts: { id?: string } = {}): RunningWorker {
  return { id: opts.id ?? 'worker', stop: async () => {} };
}
