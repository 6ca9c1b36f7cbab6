import type { Command } from './io.js';

/** `gongkai check` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai check: not available yet\n');
  return 1;
};
