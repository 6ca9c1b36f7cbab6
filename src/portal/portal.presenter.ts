import type { PortalOrg } from '../platform/views/layouts.js';
import type { Org } from '../orgs/orgs.model.js';

/** What public pages show of an org: its name, site code and 公开指南 contacts, nothing else. */
export function toPortalOrg(org: Org): PortalOrg {
  return {
    code: org.code,
    name: org.name,
    siteIdCode: org.siteIdCode,
    contactOffice: org.contact.office,
    contactAddress: org.contact.address,
    contactPhone: org.contact.phone,
    contactEmail: org.contact.email,
    contactPostcode: org.contact.postcode,
  };
}
