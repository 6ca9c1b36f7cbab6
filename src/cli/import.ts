import fs from 'node:fs/promises';
import { systemActor } from '../platform/authz.js';
import { importExchange, parseExchangeText } from '../exchange/exchange.import.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

const PART_NAMES: Record<string, string> = {
  orgs: '单位',
  items: '主动公开信息',
  applications: '依申请公开',
  appeals: '复议诉讼',
  annual_figures: '年度数据',
};

/**
 * `gongkai import FILE`: imports a gongkai-exchange file (or `-` for standard input) all or
 * nothing, and prints created/updated/unchanged counts per part. Errors go to stderr, exit 1.
 */
export const run: Command = async (args, io) => {
  const { positional } = parseOptions(args, {});
  const [file, ...extra] = positional;
  if (!file || extra.length > 0)
    throw new UsageError('用法: gongkai import FILE（FILE 为 - 时从标准输入读取）');
  const content = file === '-' ? await io.readStdin() : await readFile(file);
  const doc = parseExchangeText(content);
  const summary = await withContext(io, (ctx) => importExchange(ctx, systemActor('cli'), doc));
  for (const [part, c] of Object.entries(summary)) {
    io.stdout(
      `${PART_NAMES[part] ?? part} (${part}): 新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}\n`,
    );
  }
  return 0;
};

async function readFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `无法读取文件 ${file}：${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
