import { Button, TextField } from '../platform/views/components/form.js';
import { KIND_LABELS } from './monitor.contract.js';
import { RectificationLayout, Tag, type PageBase } from './rectification.views.js';
import type { ScoreInputs, ScoreResult } from './scores.model.js';
import { rankingChartSvg, rankingDescription } from './scores.render.js';
import type { OrgScoreView, Period, RankingView } from './scores.service.js';
import {
  selfInspectionSections,
  selfInspectionTitle,
  type SelfInspectionData,
} from './self-inspection.model.js';

/** Pages of 绩效考核 (one org, the supervisor's ranking) and the 自查报告 (REGULATIONS.md §7.1). */

function PeriodForm(props: { action: string; period: Period; label: string }) {
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.label}>
      <TextField
        name="from"
        label="起始日期"
        hint="YYYY-MM-DD"
        width="medium"
        value={props.period.from}
      />
      <TextField
        name="to"
        label="截止日期"
        hint="YYYY-MM-DD"
        width="medium"
        value={props.period.to}
      />
      <Button variant="secondary">查看</Button>
    </form>
  );
}

const q = (p: Period) => `from=${p.from}&to=${p.to}`;

/** The score with its formula beside it. */
export function ScoreBlock(props: { score: ScoreResult; inputs: ScoreInputs }) {
  const s = props.score;
  return (
    <section class="score" aria-labelledby="score-heading">
      <h2 id="score-heading">
        考核结果：<Tag kind={s.result === '合格' ? 'published' : 'late'}>{s.result}</Tag>
        {s.total === null ? null : (
          <span class="score__total" data-total={s.total}>
            {s.total} 分
          </span>
        )}
      </h2>
      <p class="score__formula">{s.formula}</p>
      {s.vetoes.length ? (
        <ul>
          {s.vetoes.map((v) => (
            <li key={v.kind}>
              单项否决：{KIND_LABELS[v.kind]} {v.count} 项
            </li>
          ))}
        </ul>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="score-table" tabIndex={0}>
          <table class="table">
            <caption id="score-table">扣分指标（每项扣分不超过其分值）</caption>
            <thead>
              <tr>
                <th scope="col">指标</th>
                <th scope="col">分值</th>
                <th scope="col">扣分</th>
                <th scope="col">计算方法</th>
              </tr>
            </thead>
            <tbody>
              {s.indicators.map((i) => (
                <tr key={i.indicator} data-indicator={i.indicator}>
                  <th scope="row">{i.label}</th>
                  <td>{i.weight}</td>
                  <td>{i.deduction}</td>
                  <td>{i.formula}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">
        依据：期间内监测发现的问题（不含误报）、主动公开信息 {props.inputs.published} 条（其中超过
        20 个工作日公开 {props.inputs.latePublished} 条）、依申请公开逾期{' '}
        {props.inputs.overdueApplications} 件、抽查不合格 {props.inputs.spotFailed} 条、整改逾期{' '}
        {props.inputs.overdueTasks} 项。各项分值为可配置的默认值，国家考核指标的具体分值尚未核实。
      </p>
    </section>
  );
}

/** /admin/orgs/:code/scores?from=&to= */
export function ScorePage(props: PageBase & { view: OrgScoreView }) {
  const v = props.view;
  const base = `/admin/orgs/${v.org.code}`;
  return (
    <RectificationLayout {...props} title="绩效考核" org={v.org}>
      <h1>
        {v.org.name}：绩效考核（{v.period.from} 至 {v.period.to}）
      </h1>
      <PeriodForm action={`${base}/scores`} period={v.period} label="考核期间" />
      <ScoreBlock score={v.score} inputs={v.inputs} />
      <ul>
        <li>
          <a href={`${base}/scores/ranking?${q(v.period)}`}>下级单位考核排名</a>
        </li>
        <li>
          <a href={`${base}/self-inspection?${q(v.period)}`}>本期自查报告</a>
        </li>
      </ul>
    </RectificationLayout>
  );
}

/** /admin/orgs/:code/scores/ranking — the children ranked, with a bar chart and XLSX export. */
export function RankingPage(props: PageBase & { view: RankingView }) {
  const v = props.view;
  const base = `/admin/orgs/${v.org.code}/scores/ranking`;
  const title = `下级单位绩效考核得分（${v.period.from} 至 ${v.period.to}）`;
  return (
    <RectificationLayout {...props} title="考核排名" org={v.org}>
      <h1>{v.org.name}：下级单位考核排名</h1>
      <PeriodForm action={base} period={v.period} label="考核期间" />
      {v.rows.length === 0 ? (
        <p>没有下级单位。</p>
      ) : (
        <>
          <p>
            <a href={`${base}.xlsx?${q(v.period)}`}>导出 Excel（XLSX）</a>
          </p>
          <figure class="chart">
            {/* rankingChartSvg sanitises the ECharts SVG for inlining (no script, no style). */}
            <div dangerouslySetInnerHTML={{ __html: rankingChartSvg(v.rows, title) }} />
            <figcaption>{rankingDescription(v.rows)}</figcaption>
          </figure>
          <div class="table-wrap" role="region" aria-labelledby="ranking-table" tabIndex={0}>
            <table class="table">
              <caption id="ranking-table">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">单位</th>
                  <th scope="col">结果</th>
                  <th scope="col">得分</th>
                  <th scope="col">扣分合计</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r, i) => (
                  <tr key={r.code} data-org={r.code}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      <a href={`/admin/orgs/${r.code}/scores?${q(v.period)}`}>{r.name}</a>
                    </th>
                    <td>{r.score.result}</td>
                    <td>{r.score.total ?? '单项否决'}</td>
                    <td>{r.score.total === null ? '—' : r.score.deductions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </RectificationLayout>
  );
}

/** The 自查报告 as HTML: the same sections as the DOCX. */
export function SelfInspectionReport(props: { data: SelfInspectionData }) {
  return (
    <article class="self-inspection">
      <h1>{selfInspectionTitle(props.data)}</h1>
      {selfInspectionSections(props.data).map((s, i) => (
        <section key={s.heading} aria-labelledby={`si-${i}`}>
          <h2 id={`si-${i}`}>{s.heading}</h2>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {s.table ? (
            <div class="table-wrap" role="region" aria-labelledby={`si-t-${i}`} tabIndex={0}>
              <table class="table">
                <caption id={`si-t-${i}`}>{s.table.caption}</caption>
                <thead>
                  <tr>
                    {s.table.head.map((h) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.table.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) =>
                        k === 0 ? (
                          <th key={k} scope="row">
                            {c}
                          </th>
                        ) : (
                          <td key={k}>{c}</td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ))}
      <p class="self-inspection__sign">
        {props.data.org.name}
        <br />
        {props.data.producedOn}
      </p>
    </article>
  );
}

/** /admin/orgs/:code/self-inspection?from=&to= */
export function SelfInspectionPage(props: PageBase & { data: SelfInspectionData }) {
  const d = props.data;
  const base = `/admin/orgs/${d.org.code}/self-inspection`;
  return (
    <RectificationLayout {...props} title="自查报告" org={d.org}>
      <PeriodForm action={base} period={d.period} label="自查期间" />
      <p>
        <a href={`${base}.docx?${q(d.period)}`}>下载 Word 文档（DOCX）</a>
      </p>
      <SelfInspectionReport data={d} />
    </RectificationLayout>
  );
}
