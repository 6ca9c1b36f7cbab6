import type { Command } from './io.js';

/** `gongkai restore` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai restore: not available yet\n');
  return 1;
};
