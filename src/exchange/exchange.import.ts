import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import { AppError, ForbiddenError, ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import {
  EXCHANGE_PARTS,
  exchangeDocumentSchema,
  type ExchangeDocument,
  type ExchangePart,
} from './exchange.schema.js';
import { checkOrgs, importOrgs, type PartCounts } from './parts/orgs.part.js';
import { checkApplications, importApplications } from './parts/applications.part.js';
import { checkAppeals, importAppeals } from './parts/appeals.part.js';
import { checkItems, importItems } from './parts/items.part.js';
import { checkAnnualFigures, importAnnualFigures } from './parts/annual-figures.part.js';

/** What an import did, per part. */
export type ImportSummary = Partial<Record<ExchangePart, PartCounts>>;

/** How one part is imported: reference checks (JSON path → message), then writes. */
interface PartImporter {
  check(trx: Tx, doc: ExchangeDocument, ctx: AppContext): Promise<Record<string, string>>;
  apply(ctx: AppContext, trx: Tx, actor: Actor, doc: ExchangeDocument): Promise<PartCounts>;
}

/** Parts the platform imports so far; the others are refused whole (ERR_IMPORT_UNSUPPORTED). */
const IMPORTERS: Partial<Record<ExchangePart, PartImporter>> = {
  orgs: {
    check: (trx, doc) => checkOrgs(trx, doc.orgs),
    apply: (ctx, trx, actor, doc) => importOrgs(ctx, trx, actor, doc.orgs),
  },
  items: {
    check: (trx, doc) => checkItems(trx, doc.items, doc.orgs),
    apply: (ctx, trx, actor, doc) => importItems(ctx, trx, actor, doc.items),
  },
  applications: {
    check: (trx, doc, ctx) => checkApplications(ctx, trx, doc),
    apply: (ctx, trx, actor, doc) => importApplications(ctx, trx, actor, doc.applications),
  },
  appeals: {
    check: (trx, doc) => checkAppeals(trx, doc),
    apply: (ctx, trx, actor, doc) => importAppeals(ctx, trx, actor, doc.appeals),
  },
  annual_figures: {
    check: (trx, doc) => checkAnnualFigures(trx, doc),
    apply: (ctx, trx, actor, doc) => importAnnualFigures(ctx, trx, actor, doc.annual_figures),
  },
};

const PART_LABELS: Record<ExchangePart, string> = {
  orgs: '组织机构（orgs）',
  items: '主动公开信息（items）',
  applications: '依申请公开（applications）',
  appeals: '行政复议、行政诉讼（appeals）',
  annual_figures: '年度报告数据（annual_figures）',
};

/** Parses the text of a file as JSON; ERR_IMPORT_JSON when it is not JSON. */
export function parseExchangeText(textContent: string): unknown {
  try {
    return JSON.parse(textContent) as unknown;
  } catch (err) {
    throw new AppError(
      'ERR_IMPORT_JSON',
      400,
      `文件不是有效的 JSON：${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * Imports a `gongkai-exchange` document all-or-nothing in one transaction (EXCHANGE.md §1):
 * every invalid record is reported with its JSON path (ERR_VALIDATION for shape,
 * ERR_IMPORT_REFERENCE for references); re-importing the same document changes nothing and
 * writes no audit entries. Only platform admins (and the system) may import.
 */
export async function importExchange(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<ImportSummary> {
  if (!actor.isPlatformAdmin)
    throw new ForbiddenError('ERR_IMPORT_FORBIDDEN', '只有平台管理员可以导入数据。');
  const doc = parseInput(
    exchangeDocumentSchema,
    input,
    '导入文件中有不符合格式的记录，未导入任何数据。',
  );
  for (const part of EXCHANGE_PARTS) {
    if (!IMPORTERS[part] && doc[part].length > 0) {
      throw new AppError(
        'ERR_IMPORT_UNSUPPORTED',
        422,
        `暂不支持导入${PART_LABELS[part]}，未导入任何数据。请去掉 ${part} 后重试。`,
      );
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const errors: Record<string, string> = {};
    for (const part of EXCHANGE_PARTS)
      Object.assign(errors, await IMPORTERS[part]?.check(trx, doc, ctx));
    if (Object.keys(errors).length > 0) {
      throw new ValidationError(
        errors,
        '导入文件中的记录引用有误，未导入任何数据。',
        'ERR_IMPORT_REFERENCE',
      );
    }
    const summary: ImportSummary = {};
    for (const part of EXCHANGE_PARTS) {
      const importer = IMPORTERS[part];
      if (importer && doc[part].length > 0)
        summary[part] = await importer.apply(ctx, trx, actor, doc);
    }
    return summary;
  });
}
