import type { Org } from '../orgs/orgs.model.js';
import { MetadataBox } from './item.views.js';
import type { PublicItem } from './portal.presenter.js';

/**
 * GET /:org/items/:id?print=1: the print view of an item (no navigation or tools; title,
 * metadata box, body and attachment names), also honouring 长辈版.
 */
export function PrintItemPage(props: {
  org: Org;
  item: PublicItem;
  meta: Record<string, string>;
  elderMode: boolean;
  itemHref: string;
}) {
  const { org, item } = props;
  const classes = ['print-view', props.elderMode ? 'elder' : ''].filter(Boolean).join(' ');
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${item.title}（打印版） - ${org.name}`}</title>
        {Object.entries(props.meta).map(([name, content]) => (
          <meta key={name} name={name} content={content} />
        ))}
        <link rel="stylesheet" href="/assets/css/site.css" />
        <link rel="canonical" href={props.itemHref} />
      </head>
      <body class={classes}>
        <header class="print-header container">
          <p class="print-header__org">{org.name}</p>
          <p class="print-header__back">
            <a href={props.itemHref}>返回正常页面</a>　请使用浏览器的打印功能（Ctrl+P）打印本页。
          </p>
        </header>
        <main id="main" class="container main">
          <h1>{item.title}</h1>
          <MetadataBox item={item} />
          {item.changeNote ? <p>更新说明：{item.changeNote}</p> : null}
          {item.bodyHtml ? (
            <div class="article-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
          ) : null}
          {item.attachments.length ? (
            <>
              <h2>附件</h2>
              <ul>
                {item.attachments.map((a) => (
                  <li key={a.href}>
                    {a.name}（{a.typeLabel}，{a.size}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </main>
        <footer class="container print-footer">
          <p>
            来源：{org.name}　发布日期：{item.publishedOn}
          </p>
        </footer>
      </body>
    </html>
  );
}
