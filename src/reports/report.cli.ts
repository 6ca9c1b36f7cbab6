import { writeFile } from 'node:fs/promises';
import { NotFoundError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { findOrgByCode } from '../orgs/orgs.repository.js';
import { parseOptions, UsageError, withContext, type CliIO } from '../cli/io.js';
import { isBinary, OUTPUT_FORMATS, renderReport, type OutputFormat } from './report.outputs.js';
import { storedDocument } from './report.records.js';
import { generateDocument } from './reports.service.js';
import * as repo from './reports.repository.js';

/**
 * `gongkai report ORG YEAR --format json|html|docx|xlsx|csv [--out FILE]`: an org's annual
 * report generated from the records (EXCHANGE.md §2.1), with the text staff saved (or the
 * draft). Binary formats go to --out, or to standard output when it is not a terminal.
 */
export async function generateCommand(args: string[], io: CliIO): Promise<number> {
  const { positional, options } = parseOptions(args, { format: 'string', out: 'string' });
  const [code, yearText, ...extra] = positional;
  if (code === undefined || yearText === undefined || extra.length > 0)
    throw new UsageError(
      '用法: gongkai report ORG YEAR --format json|html|docx|xlsx|csv [--out FILE]',
    );
  const format = (options.format ?? 'json') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    throw new UsageError(
      `--format 只能是 ${OUTPUT_FORMATS.join('、')} 之一（收到 ${String(options.format)}）`,
    );
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const current = Number(chinaDate(new Date()).slice(0, 4));
  if (!(year >= 2008 && year <= current))
    throw new UsageError(`年度应为 2008 至 ${current} 之间的四位数字（收到 ${yearText}）`);
  const out = typeof options.out === 'string' ? options.out : undefined;
  if (out === undefined && isBinary(format) && process.stdout.isTTY)
    throw new UsageError(
      `${format} 是二进制格式，请用 --out FILE 指定输出文件，或将输出重定向到文件`,
    );

  const output = await withContext(io, async (ctx) => {
    const org = await findOrgByCode(ctx.db, code);
    if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', `单位 ${code} 不存在。`);
    const [saved] = await repo.reportRevisions(ctx.db, org.id, year);
    const doc = await generateDocument(
      ctx.db,
      org,
      year,
      saved ? storedDocument(saved).narrative : undefined,
    );
    const view = {
      name: org.name,
      contactOffice: org.contact_office,
      contactAddress: org.contact_address,
      contactPhone: org.contact_phone,
      contactPostcode: org.contact_postcode,
    };
    return renderReport(doc, view, format);
  });
  if (out !== undefined) await writeFile(out, output);
  else if (typeof output === 'string') io.stdout(output);
  else process.stdout.write(output);
  return 0;
}
