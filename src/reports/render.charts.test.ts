import { describe, expect, it } from 'vitest';
import { sanitiseSvg, trendChartSvg, trendDescription, trendPoints } from './render.charts.js';
import { seriesReports, trialFormatReport } from './render.fixtures.js';

describe('trendChartSvg', () => {
  const points = trendPoints(seriesReports().reverse());

  it('reads the main figures of a series, sorted by year', () => {
    expect(points.map((p) => p.year)).toEqual([2021, 2022, 2023]);
    expect(points[2]).toMatchObject({ proactive: 635, applications: 9, reviews: 0, lawsuits: 0 });
  });

  it('keeps a missing part as a gap, never zero', () => {
    const [trial] = trendPoints([trialFormatReport()]);
    expect(trial?.proactive).toBeNull();
    expect(trendDescription(trial ? [trial] : [], ['proactive'])).toBe(
      '2019年：主动公开政府信息未填报。',
    );
  });

  it('renders an SVG line chart on the server with Chinese labels and an accessible name', () => {
    const svg = trendChartSvg(points, { title: '示例部门主动公开政府信息趋势', idPrefix: 'c1' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="示例部门主动公开政府信息趋势"');
    expect(svg).toContain('<title id="c1-title">示例部门主动公开政府信息趋势</title>');
    expect(svg).toMatch(
      /<desc id="c1-desc">2021年：主动公开政府信息\d+条，新收政府信息公开申请\d+件/,
    );
    expect(svg).toContain('>2023年</text>');
    expect(svg).toContain('新收政府信息公开申请（件）');
    expect(svg).toContain('width="100%"');
  });

  it('renders a bar chart of chosen figures', () => {
    const svg = trendChartSvg(points, {
      title: '复议诉讼',
      kind: 'bar',
      metrics: ['reviews', 'lawsuits'],
    });
    expect(svg).toContain('行政复议（件）');
    expect(svg).not.toContain('主动公开政府信息（条）');
  });

  it('is safe to inline under a strict CSP: no scripts, handlers, styles or classes', () => {
    const svg = trendChartSvg(points, { title: '<script>alert(1)</script>"', idPrefix: 'c2' });
    expect(svg).not.toMatch(/<script|<style|\sstyle=|\sclass=|\son[a-z]+=|ecmeta_|zr\d+-/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(svg).toContain('font-size="');
  });

  it('strips hostile markup from an SVG', () => {
    const dirty =
      '<svg viewBox="0 0 1 1"><script>x()</script><a href="javascript:x()" onclick="x()"><text style="fill:red;behavior:url(x)" class="c">t</text></a><foreignObject><p>x</p></foreignObject></svg>';
    const clean = sanitiseSvg(dirty, { title: 't', desc: 'd', idPrefix: 'p' });
    expect(clean).not.toMatch(/script|javascript|onclick|foreignObject|behavior|class=/);
    expect(clean).toContain('<text fill="red">t</text>');
  });
});
