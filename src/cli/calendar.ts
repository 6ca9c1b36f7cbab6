import type { Command } from './io.js';

/** `gongkai calendar` (to be implemented). */
export const run: Command = async (_args, io) => {
  io.stderr('gongkai calendar: not available yet\n');
  return 1;
};
