import type { ComponentChildren } from 'preact';

/** A notice banner: success after an action, warning for things needing attention. */
export function Notice(props: {
  kind: 'success' | 'warning' | 'info';
  children: ComponentChildren;
}) {
  return (
    <div
      class={`notice notice--${props.kind}`}
      role={props.kind === 'warning' ? 'alert' : 'status'}
    >
      {props.children}
    </div>
  );
}

/** Pager with previous/next links, keeping the other query parameters. */
export function Pager(props: { page: number; hasNext: boolean; baseHref: string }) {
  const sep = props.baseHref.includes('?') ? '&' : '?';
  if (props.page <= 1 && !props.hasNext) return null;
  return (
    <nav class="pager" aria-label="分页">
      {props.page > 1 ? <a href={`${props.baseHref}${sep}page=${props.page - 1}`}>上一页</a> : null}
      <span>第 {props.page} 页</span>
      {props.hasNext ? <a href={`${props.baseHref}${sep}page=${props.page + 1}`}>下一页</a> : null}
    </nav>
  );
}

/** Definition list of label/value pairs (e.g. the government metadata box). */
export function SummaryList(props: { rows: Array<[string, ComponentChildren]>; caption?: string }) {
  return (
    <dl class="summary-list" aria-label={props.caption}>
      {props.rows.map(([k, v]) => (
        <div class="summary-list__row" key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}
