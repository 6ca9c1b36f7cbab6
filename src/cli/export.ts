import type { Command } from './io.js';

/** `gongkai export` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai export: not available yet\n');
  return 1;
};
