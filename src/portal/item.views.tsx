import { Notice } from '../platform/views/components/misc.js';
import { PortalLayout } from '../platform/views/layouts.js';
import type { Org } from '../orgs/orgs.model.js';
import { Breadcrumbs, ItemList } from './portal.components.js';
import { toPortalOrg, type PublicItem, type WithdrawalNotice } from './portal.presenter.js';
import type { ItemColumn } from './portal.service.js';

type Nav = Array<{ href: string; label: string }>;

/** The government metadata box (REGULATIONS.md §3.4) as a table with row headers. */
export function MetadataBox(props: { item: PublicItem }) {
  const i = props.item;
  const rows: Array<[string, string | null]> = [
    ['索引号', i.indexNo],
    ['发布机构', i.publisher],
    ['成文日期', i.formedOn],
    ['发布日期', i.publishedOn],
    ['文号', i.docNumber],
    ['主题分类', i.topic],
    ['有效性', i.validity],
  ];
  if (i.abolishedOn) rows.push(['废止日期', i.abolishedOn]);
  return (
    <table class="meta-box">
      <caption>信息公开元数据</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 正文: the stored HTML, sanitised by the catalogue's allowlist when it was saved or imported. */
function Body(props: { html: string | null }) {
  if (!props.html) return null;
  return <div class="article-body" dangerouslySetInnerHTML={{ __html: props.html }} />;
}

function Attachments(props: { item: PublicItem }) {
  if (props.item.attachments.length === 0) return null;
  return (
    <section aria-labelledby="attachments">
      <h2 id="attachments">附件</h2>
      <ul class="attachment-list">
        {props.item.attachments.map((a) => (
          <li key={a.href}>
            <a href={a.href} download>
              {a.name}
            </a>{' '}
            <span class="muted">
              （{a.typeLabel}，{a.size}）
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Interpretations(props: { item: PublicItem }) {
  const { policy, interpretations } = props.item;
  return (
    <>
      {policy ? (
        <section aria-labelledby="policy-link">
          <h2 id="policy-link">解读的政策文件</h2>
          <ItemList items={[policy]} />
        </section>
      ) : null}
      {interpretations.length ? (
        <section aria-labelledby="interpretations">
          <h2 id="interpretations">政策解读</h2>
          <ItemList items={interpretations} />
        </section>
      ) : null}
    </>
  );
}

/** The 政府网站 meta tags of an item page (SiteName … ContentSource). */
export function itemMeta(
  org: Org,
  siteDomain: string,
  item: PublicItem,
  column: ItemColumn | null,
) {
  const columnType: Record<string, string> = {
    policy: '政策文件',
    notice: '通知公告',
    news: '动态要闻',
    personnel_plan: '人事规划',
  };
  return {
    SiteName: org.name,
    SiteDomain: siteDomain,
    SiteIDCode: org.siteIdCode ?? '',
    ColumnName: column?.name ?? '政府信息公开',
    ColumnType: (column && columnType[column.updateClass]) ?? '政务公开',
    ArticleTitle: item.title,
    PubDate: item.pubDateTime,
    ContentSource: item.publisher,
    ...(item.summary ? { Description: item.summary } : {}),
  };
}

/** GET /:org/items/:id: a public item with its metadata box, body, attachments and links. */
export function ItemPage(props: {
  org: Org;
  nav: Nav;
  item: PublicItem;
  column: ItemColumn | null;
  meta: Record<string, string>;
  elderMode: boolean;
  path: string;
}) {
  const { org, item, column } = props;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title={item.title}
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
      meta={props.meta}
    >
      <Breadcrumbs
        trail={[
          { href: `/${org.code}/`, label: '首页' },
          ...(column ? [{ href: column.href, label: column.name }] : []),
          { label: '正文' },
        ]}
      />
      <article>
        <h1>{item.title}</h1>
        <MetadataBox item={item} />
        {item.changeNote ? (
          <Notice kind="info">
            <strong>更新说明：</strong>
            {item.changeNote}
          </Notice>
        ) : null}
        <Body html={item.bodyHtml} />
        <Attachments item={item} />
        <Interpretations item={item} />
      </article>
      <p class="item-tools">
        <a href={`${props.path}?print=1`} rel="nofollow">
          打印本页
        </a>
      </p>
    </PortalLayout>
  );
}

/** A withdrawn item's stable URL: the notice that it was withdrawn, with date and reason. */
export function WithdrawnPage(props: {
  org: Org;
  nav: Nav;
  notice: WithdrawalNotice;
  elderMode: boolean;
  path: string;
}) {
  const { org, notice } = props;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title="该信息已撤回"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
      meta={{ robots: 'noindex' }}
    >
      <h1>该信息已撤回</h1>
      <Notice kind="info">
        <p>
          您访问的信息“{notice.title}”已于{notice.withdrawnOn ?? '近期'}撤回，不再公开。
        </p>
        {notice.reason ? <p>撤回原因：{notice.reason}</p> : null}
        {notice.indexNo ? <p>索引号：{notice.indexNo}</p> : null}
      </Notice>
      <p>
        如需了解相关信息，可查阅<a href={`/${org.code}/`}>本单位政府信息公开专栏</a>
        ，或依照<a href={`/${org.code}/guide`}>政府信息公开指南</a>提出申请。
      </p>
    </PortalLayout>
  );
}
