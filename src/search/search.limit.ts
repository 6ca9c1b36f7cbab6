/**
 * At most a few index queries of one database run at once. A short query (two characters) on a
 * large PostgreSQL catalogue matches hundreds of thousands of documents and holds its pool
 * connection for seconds; without a limit a burst of them takes every connection of the pool and
 * every other page (portal, staff, applications) queues behind them (issue 8 mixed load). Searches
 * beyond the limit wait here for their turn, in order, without taking a connection.
 */
export const SEARCH_CONCURRENCY = 4;

interface Gate {
  running: number;
  waiting: Array<() => void>;
}

const gates = new WeakMap<object, Gate>();

/** Runs `task` when fewer than `limit` tasks keyed on `key` (the database handle) are running. */
export async function limited<T>(
  key: object,
  task: () => Promise<T>,
  limit = SEARCH_CONCURRENCY,
): Promise<T> {
  let gate = gates.get(key);
  if (!gate) {
    gate = { running: 0, waiting: [] };
    gates.set(key, gate);
  }
  const g = gate;
  if (g.running >= limit) await new Promise<void>((resolve) => g.waiting.push(resolve));
  else g.running++;
  try {
    return await task();
  } finally {
    const next = g.waiting.shift();
    if (next)
      next(); // the slot passes to the next waiter
    else g.running--;
  }
}
