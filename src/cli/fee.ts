import type { Command } from './io.js';

/** `gongkai fee` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai fee: not available yet\n');
  return 1;
};
