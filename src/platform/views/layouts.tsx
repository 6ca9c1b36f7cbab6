import type { ComponentChildren } from 'preact';
import type { Actor } from '../authz.js';
import { PostButton } from './components/form.js';

/** Head shared by every page: charset, viewport, stylesheet, no inline script (CSP). */
function Head(props: { title: string; meta?: Record<string, string> }) {
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{props.title}</title>
      {Object.entries(props.meta ?? {}).map(([name, content]) => (
        <meta key={name} name={name} content={content} />
      ))}
      <link rel="stylesheet" href="/assets/css/site.css" />
      <script src="/assets/js/site.js" defer />
    </head>
  );
}

export interface PortalOrg {
  code: string;
  name: string;
  siteIdCode: string | null;
  contactOffice: string | null;
  contactAddress: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPostcode: string | null;
}

/**
 * Public portal layout of one org: header with the org name, navigation, the 长辈版 switch (a
 * plain link that sets a cookie, so it works without JavaScript), and a footer with 主办单位,
 * 网站标识码 and contacts.
 */
export function PortalLayout(props: {
  org: PortalOrg | null;
  title: string;
  elderMode: boolean;
  currentPath: string;
  meta?: Record<string, string>;
  nav?: Array<{ href: string; label: string }>;
  children: ComponentChildren;
}) {
  const { org } = props;
  const back = encodeURIComponent(props.currentPath);
  const nav =
    props.nav ??
    (org
      ? [
          { href: `/${org.code}/`, label: '首页' },
          { href: `/${org.code}/guide`, label: '政府信息公开指南' },
        ]
      : []);
  return (
    <html lang="zh-CN">
      <Head title={org ? `${props.title} - ${org.name}` : props.title} meta={props.meta} />
      <body class={props.elderMode ? 'elder' : undefined}>
        <a href="#main" class="skip-link">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a href={org ? `/${org.code}/` : '/'} class="site-header__name">
              {org ? org.name : 'Gongkai 政务公开平台'}
            </a>
            <div class="site-header__tools">
              <a
                href={`/mode/${props.elderMode ? 'standard' : 'elder'}?back=${back}`}
                class="mode-switch"
                rel="nofollow"
              >
                {props.elderMode ? '切换到标准版' : '长辈版'}
              </a>
              {props.elderMode ? (
                <button type="button" class="read-aloud" data-module="read-aloud" hidden>
                  朗读本页
                </button>
              ) : null}
            </div>
          </div>
          {nav.length ? (
            <nav class="site-nav" aria-label="网站导航">
              <ul class="container site-nav__list">
                {nav.map((n) => (
                  <li key={n.href}>
                    <a
                      href={n.href}
                      aria-current={n.href === props.currentPath ? 'page' : undefined}
                    >
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="container main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            {org ? (
              <>
                <p>主办单位：{org.name}</p>
                {org.contactOffice || org.contactAddress ? (
                  <p>
                    {org.contactOffice ? `${org.contactOffice}　` : ''}
                    {org.contactAddress ? `地址：${org.contactAddress}` : ''}
                    {org.contactPostcode ? `　邮编：${org.contactPostcode}` : ''}
                  </p>
                ) : null}
                {org.contactPhone || org.contactEmail ? (
                  <p>
                    {org.contactPhone ? `联系电话：${org.contactPhone}` : ''}
                    {org.contactEmail ? `　电子邮箱：${org.contactEmail}` : ''}
                  </p>
                ) : null}
                {org.siteIdCode ? <p>网站标识码：{org.siteIdCode}</p> : null}
              </>
            ) : (
              <p>Gongkai 政务公开平台</p>
            )}
          </div>
        </footer>
      </body>
    </html>
  );
}

const ADMIN_NAV = [
  { href: '/admin', label: '工作台' },
  { href: '/admin/orgs', label: '组织机构' },
  { href: '/admin/users', label: '用户' },
  { href: '/admin/calendar', label: '工作日历' },
  { href: '/admin/search/words', label: '检索词库' },
  { href: '/admin/audit', label: '审计日志' },
];

/** Warning shown on every admin page while the user has deferred TOTP enrolment. */
export function TotpWarning() {
  return (
    <div id="totp-warning" class="notice notice--warning" role="alert">
      <strong>安全提醒：</strong>您的账户尚未设置双因素认证，账户安全存在风险。
      <a href="/admin/enrol-2fa">立即设置</a>
    </div>
  );
}

/** Back-office layout: navigation, the signed-in user and sign-out. */
export function AdminLayout(props: {
  title: string;
  actor: Actor | null;
  csrf: string;
  currentPath: string;
  warning?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <html lang="zh-CN">
      <Head title={`${props.title} - Gongkai 管理后台`} />
      <body class="admin">
        <a href="#main" class="skip-link">
          跳到主要内容
        </a>
        <header class="site-header site-header--admin">
          <div class="container site-header__inner">
            <a href="/admin" class="site-header__name">
              Gongkai 管理后台
            </a>
            {props.actor ? (
              <div class="site-header__tools">
                <span>当前用户：{props.actor.username}</span>
                <a href="/admin/account">账户与安全</a>
                <PostButton action="/admin/logout" csrf={props.csrf}>
                  退出登录
                </PostButton>
              </div>
            ) : null}
          </div>
          {props.actor ? (
            <nav class="site-nav" aria-label="后台导航">
              <ul class="container site-nav__list">
                {ADMIN_NAV.map((n) => (
                  <li key={n.href}>
                    <a
                      href={n.href}
                      aria-current={
                        n.href === props.currentPath ||
                        (n.href !== '/admin' && props.currentPath.startsWith(n.href))
                          ? 'page'
                          : undefined
                      }
                    >
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="container main" tabIndex={-1}>
          {props.actor?.totpDeferred ? <TotpWarning /> : null}
          {props.warning}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Error page for public and staff visitors alike. */
export function ErrorPage(props: {
  status: number;
  title: string;
  message: string;
  code?: string;
  elderMode?: boolean;
}) {
  return (
    <html lang="zh-CN">
      <Head title={`${props.title} - Gongkai 政务公开平台`} />
      <body class={props.elderMode ? 'elder' : undefined}>
        <a href="#main" class="skip-link">
          跳到主要内容
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a href="/" class="site-header__name">
              Gongkai 政务公开平台
            </a>
            <div class="site-header__tools">
              <a
                href={`/mode/${props.elderMode ? 'standard' : 'elder'}`}
                class="mode-switch"
                rel="nofollow"
              >
                {props.elderMode ? '切换到标准版' : '长辈版'}
              </a>
            </div>
          </div>
        </header>
        <main id="main" class="container main" tabIndex={-1}>
          <h1>{props.title}</h1>
          <p>{props.message}</p>
          {props.code ? <p class="muted">错误代码：{props.code}</p> : null}
          <p>
            <a href="/">返回平台首页</a>
          </p>
        </main>
      </body>
    </html>
  );
}
