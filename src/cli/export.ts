import { systemActor } from '../platform/authz.js';
import { exportExchange } from '../exchange/exchange.export.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

/**
 * `gongkai export [--org CODE]`: writes a gongkai-exchange document to standard output, of
 * every org or of one org and its descendants.
 */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, { org: 'string' });
  if (positional.length > 0) throw new UsageError('用法: gongkai export [--org CODE]');
  const orgCode = typeof options.org === 'string' ? options.org : undefined;
  const doc = await withContext(io, (ctx) =>
    exportExchange(ctx, systemActor('cli'), orgCode === undefined ? {} : { orgCode }),
  );
  io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  return 0;
};
