import type { Command } from './io.js';

/** `gongkai backup` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai backup: not available yet\n');
  return 1;
};
