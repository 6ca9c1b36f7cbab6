import { AdminLayout } from '../platform/views/layouts.js';
import { TextField, Button } from '../platform/views/components/form.js';
import { trendChartSvg, trendDescription } from './render.charts.js';
import { MAIN_FIGURE_LABELS, formatFigure, type MainFigures } from './render.shared.js';
import { STATE_LABELS } from './reports.service.js';
import type { PageBase } from './reports.views.js';
import type { SupervisionView } from './supervisor.service.js';

/** /admin/orgs/:code/reports/supervise?year=: the children's reports, sums, trends and export. */
export function SupervisePage(props: PageBase & { view: SupervisionView }) {
  const v = props.view;
  const chartPoints = v.trend.filter((p) => p.year <= v.year);
  const svg =
    chartPoints.length > 0
      ? trendChartSvg(chartPoints, {
          title: `下级单位年度报告主要数据趋势（${v.org.name}）`,
          metrics: ['applications', 'reviews', 'lawsuits'],
          idPrefix: 'sup-trend',
        })
      : null;
  const figures = Object.keys(MAIN_FIGURE_LABELS) as Array<keyof MainFigures>;
  return (
    <AdminLayout
      title={`年度报告监督 - ${v.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>
        {v.org.name}：下级单位{v.year}年度报告
      </h1>
      <form method="get" action={`/admin/orgs/${v.org.code}/reports/supervise`} class="inline-form">
        <TextField name="year" label="年度" value={v.year} width="short" inputmode="numeric" />
        <Button variant="secondary">查看</Button>
      </form>
      <p>
        <a href={`/admin/orgs/${v.org.code}/reports/supervise/export?year=${v.year}`}>
          导出全部报告（ZIP：各单位 DOCX 和一份 XLSX 汇总表）
        </a>
      </p>
      <ul class="summary-counts">
        {(Object.keys(STATE_LABELS) as Array<keyof typeof STATE_LABELS>)
          .filter((s) => v.counts[s] > 0)
          .map((s) => (
            <li key={s}>
              {STATE_LABELS[s]}：{v.counts[s]} 个单位
            </li>
          ))}
      </ul>
      <div class="table-wrap" role="region" aria-labelledby="sup-table-caption" tabIndex={0}>
        <table class="table">
          <caption id="sup-table-caption">
            各单位年度报告状态（共 {v.reports.length} 个单位）
          </caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">状态</th>
              <th scope="col">公布期限</th>
              <th scope="col">校验</th>
              <th scope="col">新收申请（件）</th>
              <th scope="col">行政复议（件）</th>
            </tr>
          </thead>
          <tbody>
            {v.reports.map((r) => (
              <tr key={r.org.code} data-org={r.org.code} data-state={r.state}>
                <th scope="row">
                  <a href={`/admin/orgs/${r.org.code}/reports/${v.year}`}>{r.org.name}</a>
                </th>
                <td>
                  {STATE_LABELS[r.state]}
                  {r.state === 'late' && r.stage !== 'not_started'
                    ? `（${STATE_LABELS[r.stage]}）`
                    : ''}
                </td>
                <td>{r.deadline}</td>
                <td>
                  {r.doc
                    ? r.errors + r.warnings === 0
                      ? '通过'
                      : `错误 ${r.errors}，警告 ${r.warnings}`
                    : '—'}
                </td>
                <td>{r.doc ? r.doc.applications.rows.new[6] : '—'}</td>
                <td>{r.doc ? r.doc.appeals.review[4] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>合计（已生成报告的单位）</h2>
      <table class="table">
        <caption>{v.year}年度主要数据合计</caption>
        <tbody>
          {figures.map((k) => (
            <tr key={k}>
              <th scope="row">{MAIN_FIGURE_LABELS[k]}</th>
              <td data-sum={k}>{formatFigure(v.sums[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>历年趋势</h2>
      {svg ? (
        <figure class="chart">
          {/* The SVG comes from trendChartSvg, which sanitises it for inlining. */}
          <div dangerouslySetInnerHTML={{ __html: svg }} />
          <figcaption>
            {trendDescription(chartPoints, ['proactive', 'applications', 'reviews', 'lawsuits'])}
          </figcaption>
        </figure>
      ) : (
        <p>暂无往年数据。</p>
      )}
    </AdminLayout>
  );
}
