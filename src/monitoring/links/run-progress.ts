import type { CrawlProgress } from './links.model.js';

/**
 * Progress of the link-check runs crawling in this process (run id → latest progress), for the
 * back-office page: pages done and queued, links, estimate. A run crawled by another worker
 * process shows only the pages and links written to its row.
 */
const running = new Map<number, CrawlProgress>();

/** Records a run's progress. */
export function setRunProgress(runId: number, p: CrawlProgress): void {
  running.set(runId, p);
}

/** Forgets a finished run. */
export function clearRunProgress(runId: number): void {
  running.delete(runId);
}

/** The latest progress of a run crawled here, or null. */
export function runProgress(runId: number): CrawlProgress | null {
  return running.get(runId) ?? null;
}
