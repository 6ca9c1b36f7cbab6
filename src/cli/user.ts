import type { Command } from './io.js';

/** `gongkai user` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai user: not available yet\n');
  return 1;
};
