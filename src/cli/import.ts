import type { Command } from './io.js';

/** `gongkai import` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai import: not available yet\n');
  return 1;
};
