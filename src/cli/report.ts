import type { Command } from './io.js';

/** `gongkai report` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai report: not available yet\n');
  return 1;
};
