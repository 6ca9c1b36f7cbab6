import { KIND_LABELS, type MonitorKind } from './monitor.contract.js';
import type { ScoreResult } from './scores.model.js';

/**
 * The 自查报告 (self-inspection report) of an org for a period, as data and as text sections
 * shared by the HTML and DOCX renderers: 基本情况, 检查发现的问题, 整改情况, 抽查情况, 考核得分,
 * 下一步工作. Pure: the service gathers the data (self-inspection.service.ts).
 */
export interface SelfInspectionData {
  org: { code: string; name: string };
  period: { from: string; to: string };
  /** China date the report was produced. */
  producedOn: string;
  basics: {
    columns: number;
    published: number;
    latePublished: number;
    applicationsDue: number;
    overdueApplications: number;
  };
  problems: Array<{ kind: MonitorKind; count: number; veto: number; examples: string[] }>;
  rectification: {
    total: number;
    closed: number;
    open: number;
    fixed: number;
    overdue: number;
    ignored: number;
  };
  spotChecks: Array<{
    title: string;
    from: string;
    to: string;
    sampled: number;
    checked: number;
    passed: number;
    done: boolean;
  }>;
  score: ScoreResult;
}

/** A section: its heading and paragraphs, and optionally a table. */
export interface ReportSection {
  heading: string;
  paragraphs: string[];
  table?: { caption: string; head: string[]; rows: string[][] };
}

const pct = (n: number, d: number): string => (d ? `${Math.round((1000 * n) / d) / 10}%` : '—');

/** The report's title. */
export function selfInspectionTitle(d: SelfInspectionData): string {
  return `${d.org.name}政务公开工作自查报告`;
}

/** The report's sections, in order, with the numbered headings of a 公文 (一、二、…). */
export function selfInspectionSections(d: SelfInspectionData): ReportSection[] {
  const total = d.problems.reduce((s, p) => s + p.count, 0);
  const vetoes = d.problems.reduce((s, p) => s + p.veto, 0);
  const r = d.rectification;
  const sampled = d.spotChecks.reduce((s, c) => s + c.sampled, 0);
  const checked = d.spotChecks.reduce((s, c) => s + c.checked, 0);
  const passed = d.spotChecks.reduce((s, c) => s + c.passed, 0);
  const s = d.score;
  const next: string[] = [];
  if (vetoes > 0) next.push('立即整改单项否决问题，逐项核查销号，杜绝同类问题再次发生。');
  if (r.overdue > 0)
    next.push(`督促逾期未整改的 ${r.overdue} 项问题限期整改到位，落实整改责任人。`);
  if (r.open + r.fixed > 0)
    next.push(`继续推进尚未关闭的 ${r.open + r.fixed} 项问题整改，整改后及时复核。`);
  if (d.basics.latePublished > 0)
    next.push('严格落实自政府信息形成或者变更之日起20个工作日内予以公开的要求（条例第二十六条）。');
  if (d.basics.overdueApplications > 0) next.push('加强依申请公开办理期限管理，确保按期答复。');
  if (checked > passed) next.push('针对抽查发现的问题，完善信息发布前审核把关。');
  next.push('常态化开展网站和政务新媒体监测，定期组织自查和抽查，持续提升政务公开质量。');
  return [
    {
      heading: '一、基本情况',
      paragraphs: [
        `本次自查期间为${d.period.from}至${d.period.to}。期间${d.org.name}网站共设栏目${d.basics.columns}个，主动公开政府信息${d.basics.published}条，其中超过20个工作日公开的${d.basics.latePublished}条；依申请公开答复期限届满的申请${d.basics.applicationsDue}件，其中逾期答复或逾期未答复的${d.basics.overdueApplications}件。`,
      ],
    },
    {
      heading: '二、检查发现的问题',
      paragraphs: [
        total === 0
          ? '自查期间监测未发现问题。'
          : `自查期间监测发现问题${total}个${vetoes ? `，其中单项否决问题${vetoes}个` : ''}。按类别统计如下。`,
      ],
      table: total
        ? {
            caption: '检查发现的问题（按类别）',
            head: ['问题类别', '数量', '其中单项否决', '示例'],
            rows: d.problems.map((p) => [
              KIND_LABELS[p.kind],
              String(p.count),
              String(p.veto),
              p.examples.join('；') || '—',
            ]),
          }
        : undefined,
    },
    {
      heading: '三、整改情况',
      paragraphs: [
        r.total === 0
          ? '无需整改的问题。'
          : `上述问题均已列入整改台账。截至报告日，已整改关闭${r.closed}个，已整改待复核${r.fixed}个，尚在整改${r.open}个，其中逾期未整改${r.overdue}个；经核实为误报的${r.ignored}个。整改完成率${pct(r.closed, r.total - r.ignored)}。`,
      ],
    },
    {
      heading: '四、抽查情况',
      paragraphs: [
        d.spotChecks.length === 0
          ? '自查期间未组织抽查。'
          : `自查期间组织抽查${d.spotChecks.length}次，共抽取信息${sampled}条，已检查${checked}条，合格${passed}条，合格率${pct(passed, checked)}。`,
      ],
      table: d.spotChecks.length
        ? {
            caption: '抽查情况',
            head: ['抽查名称', '期间', '抽取（条）', '已检查（条）', '合格（条）', '合格率'],
            rows: d.spotChecks.map((c) => [
              c.title,
              `${c.from}至${c.to}`,
              String(c.sampled),
              String(c.checked),
              String(c.passed),
              pct(c.passed, c.checked),
            ]),
          }
        : undefined,
    },
    {
      heading: '五、考核得分',
      paragraphs: [
        s.total === null
          ? `考核结果：${s.result}。${s.formula}`
          : `考核结果：${s.result}，得分${s.total}分。${s.formula}`,
      ],
      table: s.indicators.length
        ? {
            caption: '扣分情况',
            head: ['指标', '分值', '扣分', '计算'],
            rows: s.indicators.map((i) => [
              i.label,
              String(i.weight),
              String(i.deduction),
              i.formula,
            ]),
          }
        : undefined,
    },
    {
      heading: '六、下一步工作',
      paragraphs: next.map((t, i) => `（${'一二三四五六七八九十'[i] ?? i + 1}）${t}`),
    },
  ];
}
