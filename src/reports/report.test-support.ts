import { systemActor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { importExchange } from '../exchange/exchange.import.js';

/** Builders of the records reports are computed from, imported as other systems would. */

export const contact = () => ({
  office: null,
  address: null,
  hours: null,
  phone: null,
  fax: null,
  email: null,
  postcode: null,
});

/** An org record of the exchange format. */
export const orgRecord = (
  code: string,
  kind: string,
  parent: string | null,
  name = `${code}单位`,
) => ({
  code,
  name,
  parent,
  kind,
  uscc: null,
  site_id_code: null,
  contact: contact(),
});

/** An item published on `published_on` to `channels`. */
export const itemRecord = (
  org: string,
  ref: string,
  published_on: string,
  channels: string[],
  docType = 'other',
) => ({
  org,
  ref,
  index_no: null,
  title: `信息${ref}`,
  summary: null,
  body_html: null,
  category: docType === 'other' ? 'art20-15' : 'art20-01',
  doc_type: docType,
  doc_number: null,
  formed_on: published_on,
  published_on,
  channels,
  validity: docType === 'other' ? null : 'valid',
  abolished_on: null,
  interprets: null,
  attribute: 'active',
  attribute_reason: null,
});

/** An application by a natural person received on `received_on`, with its events. */
export const applicationRecord = (
  org: string,
  ref: string,
  received_on: string,
  events: object[],
  type = 'natural_person',
) => ({
  org,
  ref,
  applicant: {
    type,
    name: '张三',
    id_type: null,
    id_number: null,
    phone: null,
    email: null,
    address: null,
  },
  channel: 'in_person',
  submitted_on: received_on,
  received_on,
  description: '某项目的批复文件',
  delivery: 'paper',
  events,
});

/** Imports a gongkai-exchange document as the system. */
export function importRecords(
  ctx: AppContext,
  parts: {
    orgs?: object[];
    items?: object[];
    applications?: object[];
    appeals?: object[];
    annual_figures?: object[];
  },
) {
  return importExchange(ctx, systemActor('test'), {
    format: 'gongkai-exchange',
    version: 1,
    ...parts,
  });
}
