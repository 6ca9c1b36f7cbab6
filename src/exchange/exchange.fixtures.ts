/** Test documents of the gongkai-exchange format (used by the exchange and CLI tests). */
export function sampleDocument(): {
  format: 'gongkai-exchange';
  version: 1;
  orgs: Array<Record<string, unknown>>;
  items: unknown[];
  applications: unknown[];
  appeals: unknown[];
  annual_figures: unknown[];
} {
  const contact = (office: string | null) => ({
    office,
    address: office ? '温州市瓯海区高新区管委会大楼' : null,
    hours: office ? '工作日 8:30-12:00，14:30-17:30' : null,
    phone: office ? '0577-88888888' : null,
    fax: null,
    email: office ? 'gk@example.gov.cn' : null,
    postcode: office ? '325000' : null,
  });
  return {
    format: 'gongkai-exchange',
    version: 1,
    // A child comes before its parent: parents are resolved within the file.
    orgs: [
      {
        code: 'wzgxq-cz',
        name: '温州高新区财政局',
        parent: 'wzgxq',
        kind: 'department',
        uscc: null,
        site_id_code: null,
        contact: contact(null),
      },
      {
        code: 'wzgxq',
        name: '温州高新区(经开区)管委会',
        parent: null,
        kind: 'zone',
        uscc: '11441700007280420Y',
        site_id_code: '3303000044',
        contact: contact('管委会办公室'),
      },
      {
        code: 'wzgxq-jd',
        name: '某街道办事处',
        parent: 'wzgxq',
        kind: 'township',
        uscc: null,
        site_id_code: null,
        contact: contact('党政办'),
      },
    ],
    items: [],
    applications: [],
    appeals: [],
    annual_figures: [],
  };
}
