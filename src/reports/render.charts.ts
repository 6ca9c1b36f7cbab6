import * as echarts from 'echarts';
import { formatFigure, mainFigures, type RenderableReport } from './render.shared.js';

/**
 * Trend charts of the main annual-report figures over the years, drawn by ECharts on the server
 * as SVG (no browser). The SVG is made safe to inline in a page served with a strict CSP: no
 * scripts, event handlers, `<style>` or `style` attributes (turned into presentation
 * attributes); it carries `role="img"`, an `aria-label`, a `<title>` and a `<desc>` listing the
 * figures, so screen-reader users get the data.
 */

/** The figures a trend chart can show. */
export const TREND_METRICS = {
  proactive: '主动公开政府信息',
  applications: '新收政府信息公开申请',
  reviews: '行政复议',
  lawsuits: '行政诉讼',
} as const;
export type TrendMetric = keyof typeof TREND_METRICS;

const UNITS: Record<TrendMetric, string> = {
  proactive: '条',
  applications: '件',
  reviews: '件',
  lawsuits: '件',
};

/** One year of a series; null where the year's report lacks the part (a gap, never zero). */
export type TrendPoint = { year: number } & Record<TrendMetric, number | null>;

/** The points of a series of reports (one org, or sums over children), sorted by year. */
export function trendPoints(docs: readonly RenderableReport[]): TrendPoint[] {
  return [...docs]
    .sort((a, b) => a.year - b.year)
    .map((doc) => {
      const f = mainFigures(doc);
      return {
        year: doc.year,
        proactive: f.proactive,
        applications: f.newApplications,
        reviews: f.reviews,
        lawsuits: f.lawsuits,
      };
    });
}

export interface TrendChartOptions {
  /** What the chart shows; its accessible name. */
  title: string;
  kind?: 'line' | 'bar';
  /** Default: all four; 主动公开 then goes on a second axis (its scale is far larger). */
  metrics?: readonly TrendMetric[];
  width?: number;
  height?: number;
  /** Prefix of the SVG's ids (clip paths, title), unique per chart on a page. */
  idPrefix?: string;
}

/** Colours with at least 4.5:1 contrast on white, told apart by symbol shape too. */
const PALETTE = ['#0b4f9c', '#a3191c', '#0b6b2f', '#7a4a00'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'];
const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** The chart's figures as text, for `<desc>`: 2022年：新收政府信息公开申请9件，行政复议未填报…。 */
export function trendDescription(
  points: readonly TrendPoint[],
  metrics: readonly TrendMetric[],
): string {
  return points
    .map(
      (p) =>
        `${p.year}年：${metrics
          .map((m) => {
            const v = p[m];
            return `${TREND_METRICS[m]}${v === null ? '未填报' : `${formatFigure(v)}${UNITS[m]}`}`;
          })
          .join('，')}。`,
    )
    .join('');
}

/** Renders the chart to an SVG string, sanitised for inlining. */
export function trendChartSvg(points: readonly TrendPoint[], opts: TrendChartOptions): string {
  const metrics = opts.metrics ?? (Object.keys(TREND_METRICS) as TrendMetric[]);
  const width = opts.width ?? 720;
  const height = opts.height ?? 360;
  const dual = metrics.includes('proactive') && metrics.length > 1;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT, color: '#1b1b1b' },
      color: PALETTE,
      legend: { top: 8, textStyle: { color: '#1b1b1b', fontSize: 13 } },
      grid: { left: 64, right: dual ? 72 : 32, top: 56, bottom: 40 },
      xAxis: {
        type: 'category',
        data: points.map((p) => `${p.year}年`),
        axisLabel: { color: '#1b1b1b', fontSize: 13 },
      },
      yAxis: [
        { type: 'value', name: '件', minInterval: 1, axisLabel: { color: '#1b1b1b' } },
        ...(dual
          ? [{ type: 'value', name: '条', minInterval: 1, axisLabel: { color: '#1b1b1b' } }]
          : []),
      ],
      series: metrics.map((m, i) => ({
        name: `${TREND_METRICS[m]}（${UNITS[m]}）`,
        type: opts.kind ?? 'line',
        yAxisIndex: dual && m === 'proactive' ? 1 : 0,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 8,
        connectNulls: false,
        label: { show: true, position: 'top', color: '#1b1b1b', fontSize: 12 },
        data: points.map((p) => p[m]),
      })),
    });
    return sanitiseSvg(chart.renderToSVGString(), {
      title: opts.title,
      desc: trendDescription(points, metrics),
      idPrefix: opts.idPrefix ?? 'chart',
    });
  } finally {
    chart.dispose();
  }
}

const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'opacity',
]);

/**
 * Makes ECharts' SVG safe and CSP-friendly to inline: drops `<script>`, `<style>`,
 * `<foreignObject>`, event-handler and `javascript:` attributes, classes and ECharts metadata;
 * turns `style` into presentation attributes; renames ids under `idPrefix`; adds the accessible
 * name and description.
 */
export function sanitiseSvg(
  svg: string,
  a11y: { title: string; desc: string; idPrefix: string },
): string {
  const prefix = a11y.idPrefix.replace(/[^A-Za-z0-9_-]/g, '');
  let out = svg
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<style[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\s(?:on[a-z]+|class|ecmeta_[a-z_]+|pointer-events)\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*')/gi, '')
    .replace(/\sstyle="([^"]*)"/g, (_, css: string) =>
      css
        .split(';')
        .map((decl) => decl.split(':').map((s) => s.trim()))
        .filter(([k, v]) => k && v && PRESENTATION.has(k) && !/[<>"]|url\(/i.test(v))
        .map(([k, v]) => ` ${k}="${escapeXml(v ?? '')}"`)
        .join(''),
    )
    .replace(/\bzr\d+-/g, `${prefix}-`);
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  // Scales to its container: the viewBox keeps the aspect ratio.
  out = out.replace(
    /<svg\b([^>]*)>/,
    (_, attrs: string) =>
      `<svg${attrs.replace(/\s(?:width|height)="[^"]*"/g, '')} width="100%" role="img" aria-label="${escapeXml(a11y.title)}" aria-describedby="${descId}" focusable="false">` +
      `<title id="${titleId}">${escapeXml(a11y.title)}</title>` +
      `<desc id="${descId}">${escapeXml(a11y.desc)}</desc>`,
  );
  return out;
}
