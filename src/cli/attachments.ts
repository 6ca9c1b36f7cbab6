import {
  cleanOrphans,
  missingBlobs,
  moveAttachments,
} from '../catalogue/attachments.maintenance.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

const USAGE = `用法:
  gongkai attachments migrate --to dir|db
      将附件移至 ATTACHMENTS_DIR（dir）或数据库（db）
  gongkai attachments check
      列出文件缺失的附件（文件存储）
  gongkai attachments clean
      删除 ATTACHMENTS_DIR 中无任何附件引用、且超过 1 小时的文件`;

/** `gongkai attachments migrate|check|clean`: attachment storage maintenance. */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, { to: 'string', help: 'boolean' });
  if (options.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [sub, ...rest] = positional;
  if (rest.length > 0) throw new UsageError(USAGE);
  if (sub === 'migrate') {
    const to = options.to;
    if (to !== 'dir' && to !== 'db') throw new UsageError(`--to 只能是 dir 或 db。\n${USAGE}`);
    return withContext(io, async (ctx) => {
      const n = await moveAttachments(ctx, to, (done, total) => {
        if (done % 100 === 0 || done === total) io.stderr(`已迁移 ${done}/${total}\n`);
      });
      io.stdout(`已迁移 ${n} 个附件至${to === 'dir' ? '文件存储' : '数据库'}。\n`);
      return 0;
    });
  }
  if (sub === 'check')
    return withContext(io, async (ctx) => {
      const ids = await missingBlobs(ctx);
      if (ids.length === 0) {
        io.stdout('所有附件文件完好。\n');
        return 0;
      }
      io.stdout(`文件缺失的附件：${ids.join(', ')}\n`);
      return 1;
    });
  if (sub === 'clean')
    return withContext(io, async (ctx) => {
      io.stdout(`已删除 ${await cleanOrphans(ctx)} 个无引用的文件。\n`);
      return 0;
    });
  throw new UsageError(USAGE);
};
