import { describe, expect, it } from 'vitest';
import { limited } from './search.limit.js';

describe('search concurrency limit (issue 8)', () => {
  it('never runs more than the limit at once and runs every task in order of arrival', async () => {
    const key = {};
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const release: Array<() => void> = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limited(
        key,
        async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await new Promise<void>((r) => release.push(r));
          running--;
          return i;
        },
        3,
      ),
    );
    for (let n = 0; n < 10; n++) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    await new Promise((r) => setImmediate(r));
    while (release.length) release.shift()?.();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees the slot when a task fails', async () => {
    const key = {};
    await expect(limited(key, () => Promise.reject(new Error('x')), 1)).rejects.toThrow('x');
    expect(await limited(key, async () => 'ok', 1)).toBe('ok');
  });

  it('keeps separate limits per key', async () => {
    let release: () => void = () => {};
    const a = limited({}, () => new Promise<string>((r) => (release = () => r('a'))), 1);
    expect(await limited({}, async () => 'b', 1)).toBe('b');
    release();
    expect(await a).toBe('a');
  });
});
