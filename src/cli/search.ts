import { findOrg, descendantsOf } from '../orgs/orgs.service.js';
import { AppError } from '../platform/errors.js';
import { toApiHits } from '../search/search.presenter.js';
import { reindex } from '../search/search.indexer.js';
import { search } from '../search/search.service.js';
import { parseOptions, UsageError, withContext, type Command } from './io.js';

const USAGE = `用法:
  gongkai search ORG QUERY [--format text|json] [--page N] [--sort relevance|date] [--children]
      在单位（ORG 为 - 时为全平台）已公开的信息中检索，按相关度列出结果
  gongkai search reindex [ORG]
      重建检索索引（ORG 省略时为全平台），进度输出到标准错误`;

async function runReindex(
  io: Parameters<Command>[1],
  orgCode: string | undefined,
): Promise<number> {
  return withContext(io, async (ctx) => {
    let orgIds: number[] | null = null;
    if (orgCode) {
      const org = await findOrg(ctx, orgCode);
      if (!org) throw new AppError('ERR_ORG_NOT_FOUND', 404, `单位 ${orgCode} 不存在。`);
      orgIds = [org.id, ...(await descendantsOf(ctx, org.id)).map((o) => o.id)];
    }
    const started = Date.now();
    const n = await reindex(
      ctx,
      orgIds,
      (done, total) => {
        const pct = total ? Math.floor((done / total) * 100) : 100;
        io.stderr(`已索引 ${done}/${total}（${pct}%）\n`);
      },
      {
        finishing: () =>
          io.stderr(
            `全部信息已写入，正在整理检索索引（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒；大型目录需数分钟，请勿中断）…\n`,
          ),
      },
    );
    io.stderr(`完成：${n} 条信息，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
    return 0;
  });
}

/**
 * `gongkai search ORG QUERY`: ranked public results (ref, index_no, title, doc_number,
 * published_on, url), the same search as the portal and the API; `gongkai search reindex [ORG]`
 * rebuilds the index of an org and its subordinate orgs, or of the whole platform.
 */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, {
    format: 'string',
    page: 'string',
    sort: 'string',
    children: 'boolean',
    help: 'boolean',
  });
  if (options.help === true) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [first, second, ...rest] = positional;
  if (first === 'reindex' && rest.length === 0) return runReindex(io, second);
  if (!first || second === undefined || rest.length > 0) throw new UsageError(USAGE);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format 只能是 text 或 json。\n${USAGE}`);
  const sort = options.sort ?? 'relevance';
  if (sort !== 'relevance' && sort !== 'date')
    throw new UsageError(`--sort 只能是 relevance 或 date。\n${USAGE}`);
  const page = Number(options.page ?? '1');
  if (!Number.isInteger(page) || page < 1) throw new UsageError(`--page 应为正整数。\n${USAGE}`);
  return withContext(io, async (ctx) => {
    const result = await search(ctx, {
      q: second,
      org: first === '-' ? null : first,
      children: options.children === true,
      column: null,
      category: null,
      year: null,
      docType: null,
      validity: null,
      sort,
      page,
    });
    const hits = toApiHits(result, ctx.config.publicUrl).map((h) => ({
      ref: h.ref,
      index_no: h.index_no,
      title: h.title,
      doc_number: h.doc_number,
      published_on: h.published_on,
      url: h.url,
    }));
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify({ total: result.total, total_is_lower_bound: result.window !== null, page: result.page, results: hits }, null, 2)}\n`,
      );
      return 0;
    }
    hits.forEach((h, i) => {
      const n = (result.page - 1) * result.pageSize + i + 1;
      io.stdout(
        `${n}. ${h.title}\n   ${[h.ref, h.index_no, h.doc_number, h.published_on].map((v) => v ?? '-').join('  ')}\n   ${h.url}\n`,
      );
    });
    io.stdout(
      `${result.window === null ? '共' : '超过'} ${result.total} 条${result.hasNext ? `，下一页：--page ${result.page + 1}` : ''}\n`,
    );
    return 0;
  });
};
