import type { Actor } from '../../platform/authz.js';
import type { AppContext } from '../../platform/context.js';
import type { Conn, Tx } from '../../platform/db/database.js';
import {
  publishedPartProblems,
  upsertFigures,
  type FiguresData,
} from '../../reports/report.figures.js';
import type { ExchangeDocument } from '../exchange.schema.js';
import type { AnnualFiguresRecord } from './annual-figures.schema.js';
import type { PartCounts } from './orgs.part.js';

/**
 * `annual_figures[]` import and export (EXCHANGE.md §1.5), keyed by org + year + source: table 二
 * figures from other systems (`manual`) and whole reports published before the platform was used
 * (`published`). Only the parts given are stored; a missing part stays absent, never zero.
 */

async function orgIds(conn: Conn): Promise<Map<string, number>> {
  const rows = await conn.selectFrom('orgs').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** References and parts: the org exists, one entry per org + year + source, parts whole. */
export async function checkAnnualFigures(
  trx: Tx,
  doc: ExchangeDocument,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const orgs = await orgIds(trx);
  const fileOrgs = new Set(doc.orgs.map((o) => o.code));
  const seen = new Map<string, number>();
  for (const [i, r] of doc.annual_figures.entries()) {
    const at = `annual_figures[${i}]`;
    if (!orgs.has(r.org) && !fileOrgs.has(r.org))
      errors[`${at}.org`] = `单位 ${r.org} 既不在文件中，也不在系统中`;
    const key = `${r.org}/${r.year}/${r.source}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors[`${at}.year`] = `同一单位同一年度同一来源的数据重复（见 annual_figures[${first}]）`;
    else seen.set(key, i);
    Object.assign(errors, publishedPartProblems(at, { ...r }));
  }
  return errors;
}

const dataOf = (r: AnnualFiguresRecord): FiguresData => {
  const { org: _org, year: _year, source: _source, ...parts } = r;
  return parts as FiguresData;
};

/** Creates or updates each entry; unchanged ones write nothing. Runs after orgs. */
export async function importAnnualFigures(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  records: AnnualFiguresRecord[],
): Promise<PartCounts> {
  const counts: PartCounts = { created: 0, updated: 0, unchanged: 0 };
  const orgs = await orgIds(trx);
  for (const r of records) {
    const id = orgs.get(r.org);
    if (id === undefined) throw new Error(`org ${r.org} vanished during import`);
    counts[
      await upsertFigures(ctx, trx, actor, { id, code: r.org }, r.year, r.source, dataOf(r))
    ]++;
  }
  return counts;
}

/** The annual figures of the given orgs as exchange records. */
export async function exportAnnualFiguresRecords(
  conn: Conn,
  orgs: Array<{ id: number; code: string }>,
): Promise<AnnualFiguresRecord[]> {
  if (orgs.length === 0) return [];
  const codes = new Map(orgs.map((o) => [o.id, o.code]));
  const rows = await conn
    .selectFrom('annual_figures')
    .selectAll()
    .where('org_id', 'in', [...codes.keys()])
    .orderBy('org_id')
    .orderBy('year')
    .orderBy('source')
    .execute();
  return rows.map((r) => ({
    org: codes.get(r.org_id) ?? '',
    year: r.year,
    source: r.source as AnnualFiguresRecord['source'],
    ...(JSON.parse(r.data) as object),
  })) as AnnualFiguresRecord[];
}
