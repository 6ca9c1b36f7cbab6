import type { Command } from './io.js';

/** `gongkai audit` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai audit: not available yet\n');
  return 1;
};
