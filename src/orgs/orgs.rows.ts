import {
  defaultIndexTemplate,
  type IndexTemplate,
  type Org,
  type OrgInput,
  type OrgKind,
} from './orgs.model.js';
import type { OrgRow, OrgValues } from './orgs.repository.js';
import { indexTemplateSchema } from './orgs.schema.js';

/** Mapping between stored org rows, the domain type and the audited view. */

/**
 * The org's stored 索引号 template; a missing or unreadable one (rows written outside this
 * module) counts as the default, so it never breaks a page.
 */
export function storedTemplate(row: Pick<OrgRow, 'index_template' | 'uscc'>): IndexTemplate {
  let raw: unknown = null;
  try {
    raw = JSON.parse(row.index_template);
  } catch {
    raw = null;
  }
  const parsed = indexTemplateSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultIndexTemplate(row.uscc !== null);
}

/** Maps a stored row to the domain type. */
export function rowToOrg(row: OrgRow): Org {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    kind: row.kind as OrgKind,
    uscc: row.uscc,
    siteIdCode: row.site_id_code,
    contact: {
      office: row.contact_office,
      address: row.contact_address,
      hours: row.contact_hours,
      phone: row.contact_phone,
      fax: row.contact_fax,
      email: row.contact_email,
      postcode: row.contact_postcode,
    },
    indexTemplate: storedTemplate(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The audited view of an org: its data in a fixed key order, without ids and timestamps. */
export function auditView(row: Omit<OrgValues, 'updated_at'>): Record<string, unknown> {
  return {
    code: row.code,
    name: row.name,
    parent_id: row.parent_id,
    kind: row.kind,
    uscc: row.uscc,
    site_id_code: row.site_id_code,
    contact_office: row.contact_office,
    contact_address: row.contact_address,
    contact_hours: row.contact_hours,
    contact_phone: row.contact_phone,
    contact_fax: row.contact_fax,
    contact_email: row.contact_email,
    contact_postcode: row.contact_postcode,
    index_template: storedTemplate(row),
  };
}

/** Column values of an org from its input. */
export function valuesOf(
  input: OrgInput,
  parentId: number | null,
  template: IndexTemplate,
  now: string,
): OrgValues {
  return {
    code: input.code,
    name: input.name,
    parent_id: parentId,
    kind: input.kind,
    uscc: input.uscc,
    site_id_code: input.siteIdCode,
    contact_office: input.contact.office,
    contact_address: input.contact.address,
    contact_hours: input.contact.hours,
    contact_phone: input.contact.phone,
    contact_fax: input.contact.fax,
    contact_email: input.contact.email,
    contact_postcode: input.contact.postcode,
    contact_confirmed_on: null,
    guide_confirmed_on: null,
    contact_person: null,
    index_template: JSON.stringify(template),
    updated_at: now,
  };
}
