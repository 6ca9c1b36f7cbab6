import type { Command } from './io.js';

/** `gongkai worker` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai worker: not available yet\n');
  return 1;
};
