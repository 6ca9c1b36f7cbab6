import * as echarts from 'echarts';
import ExcelJS from 'exceljs';
import { sanitiseSvg } from '../reports/render.charts.js';
import { INDICATORS, INDICATOR_LABELS, type ScoreResult } from './scores.model.js';
import { KIND_LABELS } from './monitor.contract.js';

/**
 * The supervisor's ranking as an ECharts bar chart rendered on the server to SVG (sanitised for
 * inlining under the strict CSP, with the figures in `<desc>`), and as an XLSX workbook.
 */
export interface RankedOrg {
  code: string;
  name: string;
  score: ScoreResult;
}

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** "单位：得分（结果）；…" — the chart's figures as text. */
export function rankingDescription(rows: readonly RankedOrg[]): string {
  return rows
    .map(
      (r) =>
        `${r.name}：${r.score.total === null ? '单项否决' : `${r.score.total}分`}（${r.score.result}）`,
    )
    .join('；');
}

/** A horizontal bar per org (vetoed orgs at 0, labelled 单项否决), best first. */
export function rankingChartSvg(rows: readonly RankedOrg[], title: string): string {
  const height = Math.max(160, 60 + rows.length * 36);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height });
  try {
    const ordered = [...rows].reverse();
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, color: '#1b1b1b' },
      grid: { left: 180, right: 80, top: 24, bottom: 32 },
      xAxis: { type: 'value', min: 0, max: 120, name: '分', axisLabel: { color: '#1b1b1b' } },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => r.name),
        axisLabel: { color: '#1b1b1b', fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 24,
          label: {
            show: true,
            position: 'right',
            color: '#1b1b1b',
            formatter: (p: { dataIndex: number }) => {
              const s = ordered[p.dataIndex]?.score;
              return s ? (s.total === null ? '单项否决' : `${s.total}（${s.result}）`) : '';
            },
          },
          data: ordered.map((r) => ({
            value: r.score.total ?? 0,
            itemStyle: { color: r.score.result === '合格' ? '#0b4f9c' : '#a3191c' },
          })),
        },
      ],
    });
    return sanitiseSvg(chart.renderToSVGString(), {
      title,
      desc: rankingDescription(rows),
      idPrefix: 'score-ranking',
    });
  } finally {
    chart.dispose();
  }
}

/** The ranking as a workbook: one row per org with each indicator's deduction. */
export async function rankingXlsx(title: string, rows: readonly RankedOrg[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('考核排名');
  const head = [
    '名次',
    '单位代码',
    '单位名称',
    '结果',
    '得分',
    '单项否决',
    ...INDICATORS.map((i) => `${INDICATOR_LABELS[i]}扣分`),
  ];
  sheet.columns = head.map((_, i) => ({ width: i === 2 ? 30 : i === 5 ? 24 : 12 }));
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { name: '仿宋', size: 14, bold: true };
  sheet.mergeCells(1, 1, 1, head.length);
  sheet.addRow(head).font = { name: '仿宋', size: 11, bold: true };
  rows.forEach((r, i) => {
    const ded = new Map(r.score.indicators.map((x) => [x.indicator, x.deduction]));
    sheet.addRow([
      i + 1,
      r.code,
      r.name,
      r.score.result,
      r.score.total ?? '—',
      r.score.vetoes.map((v) => `${KIND_LABELS[v.kind]}×${v.count}`).join('、') || '无',
      ...INDICATORS.map((x) => (r.score.total === null ? '—' : (ded.get(x) ?? 0))),
    ]);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
