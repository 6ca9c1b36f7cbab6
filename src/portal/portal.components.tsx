import type { PublicItemSummary } from './portal.presenter.js';

/** Components shared by the portal pages. */

/** A list of items: title link, 文号 and 发布日期 (a plain list: it reflows on any screen). */
export function ItemList(props: { items: PublicItemSummary[]; empty?: string }) {
  if (props.items.length === 0) return <p>{props.empty ?? '暂无信息。'}</p>;
  return (
    <ul class="item-list">
      {props.items.map((i) => (
        <li key={i.href} class="item-list__item">
          <a href={i.href}>{i.title}</a>
          <span class="item-list__meta">
            {i.docNumber ? <span>{i.docNumber}</span> : null}
            <time dateTime={i.publishedOn}>{i.publishedOn}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** 面包屑 navigation; the last entry is the current page (no link). */
export function Breadcrumbs(props: { trail: Array<{ href?: string; label: string }> }) {
  return (
    <nav class="breadcrumbs" aria-label="当前位置">
      <ol>
        {props.trail.map((t, i) => (
          <li key={`${i}-${t.label}`}>
            {t.href ? <a href={t.href}>{t.label}</a> : <span aria-current="page">{t.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
