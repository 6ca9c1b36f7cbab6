import type { ComponentChildren } from 'preact';
import { reportGrids, type GridCell, type TableGrid } from './render.layout.js';
import {
  NOT_REPORTED,
  SECTION_HEADINGS,
  feeSentence,
  formatFigure,
  narrativeParagraphs,
  reportPreamble,
  reportTitle,
  type FigurePath,
  type RenderableReport,
  type ReportOrgView,
} from './render.shared.js';

/**
 * The annual report as HTML for the portal and the back office: title, preamble, sections 一–六
 * and tables 二–四 with the national merged headers (REGULATIONS.md §2.3–2.5). Accessible tables:
 * `<caption>`, `th` with `scope`, `headers` on every figure (merged headers make `scope` alone
 * insufficient), each table in a focusable, labelled scroll region. A part the report does not
 * have is shown as （未填报）, never as 0.
 */

/** A revision of a published report (issue 5: amended reports keep the old one readable). */
export interface ReportRevisionView {
  /** 1 for the first publication. */
  number: number;
  /** The date this revision was published, `YYYY-MM-DD`. */
  date?: string | null;
  /** The change note. */
  note?: string | null;
}

/** Makes a figure a drill-down link: its path in the document → an href, or null for plain text. */
export type FigureLinks = (path: FigurePath) => string | null;

export interface AnnualReportBodyProps {
  doc: RenderableReport;
  org: ReportOrgView;
  revision?: ReportRevisionView | null;
  links?: FigureLinks;
  /** Prefix of the ids in the tables, unique per report on a page (default `ar`). */
  idPrefix?: string;
  /** Level of the title heading; sections are one below (default 1). */
  headingLevel?: 1 | 2 | 3;
}

/**
 * Styles the report needs beyond site.css (the CSP forbids inline styles): figures right-aligned,
 * header cells centred, the 勾稽关系 note smaller. Served with the site stylesheet.
 */
export const ANNUAL_REPORT_CSS = `.annual-report .report-table th{text-align:center;vertical-align:middle}
.annual-report .report-table th[scope=row],.annual-report .report-table th[scope=rowgroup]{text-align:left}
.annual-report .report-table td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.annual-report .report-table td.corner{font-size:.875em;vertical-align:middle}
.annual-report .report-title{text-align:center}
.annual-report .report-table{min-width:40rem}
`;

function Figure(props: { value: number | null; path: FigurePath; links?: FigureLinks }) {
  const text = formatFigure(props.value);
  const href = props.value === null ? null : (props.links?.(props.path) ?? null);
  return href ? <a href={href}>{text}</a> : <>{text}</>;
}

function Cell(props: { cell: GridCell; prefix: string; links?: FigureLinks }) {
  const { cell, prefix } = props;
  const span = {
    rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    colSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
  };
  if (cell.role === 'value') {
    const value = cell.value ?? null;
    return (
      <td
        {...span}
        class={value === null ? 'num not-reported' : 'num'}
        headers={cell.headers?.map((h) => `${prefix}-${h}`).join(' ')}
      >
        <Figure value={value} path={cell.path ?? ''} links={props.links} />
      </td>
    );
  }
  if (cell.role === 'corner') {
    return (
      <td {...span} class="corner">
        {cell.text}
      </td>
    );
  }
  const scope = cell.role === 'caption' ? 'rowgroup' : cell.role;
  return (
    <th {...span} scope={scope} id={cell.id ? `${prefix}-${cell.id}` : undefined}>
      {cell.text}
    </th>
  );
}

/** One table of the report, or （未填报） when the report lacks the part. */
export function ReportTable(props: { grid: TableGrid; idPrefix: string; links?: FigureLinks }) {
  const { grid, idPrefix, links } = props;
  if (grid.missing) return <p class="not-reported">{NOT_REPORTED}</p>;
  const caption = `表${grid.number}　${grid.caption}`;
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="report-table" id={`${idPrefix}-t${grid.number}`}>
        <caption>{caption}</caption>
        {grid.colGroups.map((span, i) => (
          <colgroup key={i} span={span} />
        ))}
        {grid.groups.map((group, g) => {
          const rows = group.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, c) => (
                <Cell key={c} cell={cell} prefix={idPrefix} links={links} />
              ))}
            </tr>
          ));
          return group.head ? <thead key={g}>{rows}</thead> : <tbody key={g}>{rows}</tbody>;
        })}
      </table>
    </div>
  );
}

function Paragraphs(props: { text: string | undefined }) {
  if (props.text === undefined) return <p class="not-reported">{NOT_REPORTED}</p>;
  const paragraphs = narrativeParagraphs(props.text);
  if (paragraphs.length === 0) return <p>无。</p>;
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

function Section(props: {
  level: number;
  id: string;
  heading: string;
  children: ComponentChildren;
}) {
  const H = `h${Math.min(props.level, 6)}` as 'h2';
  return (
    <section aria-labelledby={props.id}>
      <H id={props.id}>{props.heading}</H>
      {props.children}
    </section>
  );
}

/** The whole report: title, revision note, preamble, sections 一 to 六. */
export function AnnualReportBody(props: AnnualReportBodyProps) {
  const { doc, org, revision, links } = props;
  const prefix = props.idPrefix ?? 'ar';
  const level = props.headingLevel ?? 1;
  const H = `h${level}` as 'h1';
  const [proactive, applications, appeals] = reportGrids(doc);
  const table = (grid: TableGrid | undefined) =>
    grid ? <ReportTable grid={grid} idPrefix={prefix} links={links} /> : null;
  const sid = (s: string) => `${prefix}-s-${s}`;
  return (
    <article class="annual-report">
      <H class="report-title">{reportTitle(org.name, doc.year)}</H>
      {revision && revision.number > 1 ? (
        <p class="report-revision">
          本报告为修订版（第{revision.number}版{revision.date ? `，${revision.date}发布` : ''}）。
          {revision.note ? `修订说明：${revision.note}` : null}
        </p>
      ) : null}
      <p>{reportPreamble(doc, org)}</p>
      <Section level={level + 1} id={sid('overview')} heading={SECTION_HEADINGS.overview}>
        <Paragraphs text={doc.narrative?.overview} />
      </Section>
      <Section level={level + 1} id={sid('proactive')} heading={SECTION_HEADINGS.proactive}>
        {table(proactive)}
      </Section>
      <Section level={level + 1} id={sid('applications')} heading={SECTION_HEADINGS.applications}>
        {table(applications)}
      </Section>
      <Section level={level + 1} id={sid('appeals')} heading={SECTION_HEADINGS.appeals}>
        {table(appeals)}
      </Section>
      <Section level={level + 1} id={sid('problems')} heading={SECTION_HEADINGS.problems}>
        <Paragraphs text={doc.narrative?.problems} />
      </Section>
      <Section level={level + 1} id={sid('other')} heading={SECTION_HEADINGS.other}>
        {feeSentence(doc).length ? (
          <p>
            {feeSentence(doc).map((part, i) =>
              'text' in part ? (
                part.text
              ) : (
                <Figure key={i} value={part.figure} path={part.path} links={links} />
              ),
            )}
          </p>
        ) : null}
        <Paragraphs text={doc.narrative?.other} />
      </Section>
    </article>
  );
}
