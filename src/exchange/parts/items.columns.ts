import type { Conn } from '../../platform/db/database.js';
import { defaultColumns } from '../../catalogue/columns.model.js';

/**
 * Resolution of an item's catalogue category to a column (栏目) of its org, for the import.
 * The default 政府信息公开 专栏 itself is created by the catalogue (ensureDefaultColumns).
 */

/** A stored column, reduced to what category resolution needs. */
export interface ColumnRef {
  id: number;
  code: string;
  category: string | null;
  sort: number;
}

/** The columns of an org, in display order. */
export async function listColumnRefs(conn: Conn, orgId: number): Promise<ColumnRef[]> {
  return conn
    .selectFrom('columns')
    .select(['id', 'code', 'category', 'sort'])
    .where('org_id', '=', orgId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/**
 * The column an item of `category` is filed in: for art20-01 the 政策文件 column (the unified
 * library of policy documents), otherwise the column whose code is the category, otherwise the
 * first column of that category; undefined when the org has none.
 */
export function columnForCategory<C extends { code: string; category: string | null }>(
  columns: readonly C[],
  category: string,
): C | undefined {
  if (category === 'art20-01') {
    const policy = columns.find((c) => c.code === 'policy');
    if (policy) return policy;
  }
  return columns.find((c) => c.code === category) ?? columns.find((c) => c.category === category);
}

/** Whether an item of `category` can be filed for an org of `kind` with these columns. */
export function isKnownCategory(
  columns: readonly { code: string; category: string | null }[],
  kind: string,
  category: string,
): boolean {
  return (
    columnForCategory(columns, category) !== undefined ||
    columnForCategory(
      defaultColumns(kind).map((d) => ({ code: d.code, category: d.category })),
      category,
    ) !== undefined
  );
}
