/**
 * The one sub-navigation of 监测与整改 for an org, shared by the monitoring pages and the
 * rectification pages (spot checks, scores, 自查报告), so every section is reachable from every
 * page. Pairs of [href, label].
 */
export function monitoringLinks(orgCode: string): Array<[string, string]> {
  const base = `/admin/orgs/${orgCode}`;
  return [
    [`${base}/monitoring`, '监测概况'],
    [`${base}/monitoring/findings`, '问题与整改'],
    [`${base}/monitoring/links`, '链接检查'],
    [`${base}/new-media`, '政务新媒体'],
    [`${base}/spot-checks`, '抽查'],
    [`${base}/scores`, '绩效考核'],
    [`${base}/self-inspection`, '自查报告'],
    [`${base}/monitoring/whitelist`, '误报白名单'],
    [`${base}/monitoring/settings`, '监测设置'],
  ];
}
