import type { ReportDeadline } from '../reports/deadlines.service.js';
import type { ComponentChildren } from 'preact';
import type { Actor } from '../platform/authz.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  PostButton,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';

/** Pages of sign-in, 2FA enrolment, the account page and the back-office home. */

/** Shared by every accounts page: the layout plus the deferred-2FA warning. */
export interface PageBase {
  actor: Actor | null;
  csrf: string;
  path: string;
  deferred: boolean;
}

export function Page(props: PageBase & { title: string; children: ComponentChildren }) {
  return (
    <AdminLayout title={props.title} actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      {props.children}
    </AdminLayout>
  );
}

export interface FormState {
  errors?: Record<string, string>;
  /** Stable error code of a failed submission, for tests and support. */
  code?: string;
  message?: string;
}

function FormError(props: FormState & { labels: Record<string, string> }) {
  return (
    <>
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={props.errors} labels={props.labels} />
    </>
  );
}

export function LoginPage(props: PageBase & FormState & { username?: string; next?: string }) {
  return (
    <Page {...props} title="登录">
      <h1>登录管理后台</h1>
      <FormError {...props} labels={{ username: '用户名', password: '密码' }} />
      <form method="post" action="/admin/login" data-error-code={props.code} novalidate>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="username"
          label="用户名"
          value={props.username}
          autocomplete="username"
          required
          error={props.errors?.username}
          width="medium"
        />
        <TextField
          name="password"
          label="密码"
          type="password"
          autocomplete="current-password"
          required
          error={props.errors?.password}
          width="medium"
        />
        <Button>登录</Button>
      </form>
    </Page>
  );
}

export function SecondFactorPage(props: PageBase & FormState & { next?: string }) {
  return (
    <Page {...props} title="双因素认证">
      <h1>双因素认证</h1>
      <FormError {...props} labels={{ code: '验证码' }} />
      <form method="post" action="/admin/login/2fa" data-error-code={props.code} novalidate>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="code"
          label="验证码"
          hint="请输入验证器应用（如身份验证器）显示的6位数字；手机不在身边时，可输入一个恢复码。"
          autocomplete="one-time-code"
          inputmode="numeric"
          required
          error={props.errors?.code}
          width="short"
        />
        <Button>验证</Button>
      </form>
      <p>
        <a href="/admin/login">返回重新登录</a>
      </p>
    </Page>
  );
}

export function EnrolPage(
  props: PageBase & FormState & { qr: string; secret: string; mayDefer: boolean; next?: string },
) {
  const grouped = props.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <Page {...props} title="设置双因素认证">
      <h1>设置双因素认证</h1>
      <FormError {...props} labels={{ code: '验证码' }} />
      <ol>
        <li>在手机上安装支持 TOTP 的验证器应用。</li>
        <li>用应用扫描下方二维码，或手工输入密钥。</li>
        <li>输入应用显示的6位验证码完成设置。</li>
      </ol>
      <img
        src={props.qr}
        alt={`双因素认证二维码；无法扫描时请手工输入密钥 ${grouped}`}
        width={220}
        height={220}
      />
      <p>
        密钥：<code id="totp-secret">{grouped}</code>
      </p>
      <form method="post" action="/admin/enrol-2fa" data-error-code={props.code} novalidate>
        <CsrfField token={props.csrf} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          name="code"
          label="验证码"
          autocomplete="one-time-code"
          inputmode="numeric"
          required
          error={props.errors?.code}
          width="short"
        />
        <Button>确认设置</Button>
      </form>
      {props.mayDefer && !props.actor ? (
        <form method="post" action="/admin/enrol-2fa/defer">
          <CsrfField token={props.csrf} />
          <p class="muted">演示管理员可暂缓设置，但在设置之前每个后台页面都会显示安全提醒。</p>
          <Button variant="secondary">暂不设置，稍后提醒</Button>
        </form>
      ) : null}
    </Page>
  );
}

export function RecoveryCodesPage(props: PageBase & { codes: string[]; next: string }) {
  return (
    <Page {...props} title="恢复码">
      <h1>请保存您的恢复码</h1>
      <Notice kind="warning">
        以下恢复码只显示这一次。每个恢复码只能使用一次，在手机不在身边时代替验证码登录。请抄写或打印后妥善保管。
      </Notice>
      <ul class="recovery-codes" aria-label="恢复码">
        {props.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={props.next} class="button button--primary">
          我已保存，继续
        </a>
      </p>
    </Page>
  );
}

export function AccountPage(
  props: PageBase & FormState & { totpEnabled: boolean; remainingCodes: number; notice?: string },
) {
  return (
    <Page {...props} title="账户与安全">
      <h1>账户与安全</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <h2>修改密码</h2>
      <FormError
        {...props}
        labels={{
          current_password: '当前密码',
          new_password: '新密码',
          confirm_password: '确认新密码',
        }}
      />
      <form method="post" action="/admin/account/password" data-error-code={props.code} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="current_password"
          label="当前密码"
          type="password"
          autocomplete="current-password"
          required
          error={props.errors?.current_password}
          width="medium"
        />
        <TextField
          name="new_password"
          label="新密码"
          hint="至少12个字符"
          type="password"
          autocomplete="new-password"
          required
          error={props.errors?.new_password}
          width="medium"
        />
        <TextField
          name="confirm_password"
          label="确认新密码"
          type="password"
          autocomplete="new-password"
          required
          error={props.errors?.confirm_password}
          width="medium"
        />
        <Button>修改密码</Button>
      </form>
      <h2>双因素认证</h2>
      {props.totpEnabled ? (
        <>
          <p>已设置。剩余未使用的恢复码：{props.remainingCodes} 个。</p>
          <PostButton action="/admin/account/recovery-codes" csrf={props.csrf}>
            重新生成恢复码
          </PostButton>
        </>
      ) : (
        <p>
          尚未设置。<a href="/admin/enrol-2fa">立即设置</a>
        </p>
      )}
      <h2>登录会话</h2>
      <p>如果怀疑账户被他人使用，可退出所有设备上的登录（包括本设备）。</p>
      <PostButton action="/admin/account/sign-out-everywhere" csrf={props.csrf} variant="danger">
        退出所有设备
      </PostButton>
    </Page>
  );
}

export function DashboardPage(
  props: PageBase & {
    displayName: string;
    roles: Array<{ role: string; orgName: string | null }>;
    reportDeadlines?: ReportDeadline[];
    /** Unfinished rectification tasks assigned to the user (monitoring, issue 7). */
    tasks?: number;
  },
) {
  const links = [
    {
      href: '/admin/tasks',
      label: '我的整改任务',
      text: `待办 ${props.tasks ?? 0} 项（监测发现问题的整改）`,
    },
    { href: '/admin/orgs', label: '组织机构', text: '单位、站点和公开指南信息' },
    { href: '/admin/users', label: '用户', text: '账户和角色' },
    { href: '/admin/calendar', label: '工作日历', text: '法定节假日和调休安排' },
    { href: '/admin/audit', label: '审计日志', text: '所有变更记录及校验' },
  ];
  return (
    <Page {...props} title="工作台">
      <h1>工作台</h1>
      <p>您好，{props.displayName}。</p>
      <h2>我的角色</h2>
      {props.roles.length ? (
        <ul>
          {props.roles.map((r) => (
            <li key={`${r.role}-${r.orgName ?? ''}`}>
              {r.orgName ? `${r.orgName}：` : ''}
              {r.role}
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无角色，请联系管理员分配。</p>
      )}
      {props.reportDeadlines?.length ? <ReportCountdown rows={props.reportDeadlines} /> : null}
      <h2>常用功能</h2>
      <ul class="card-list">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
            <span class="muted">　{l.text}</span>
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** 年度报告 countdown (条例第四十九条: 1月31日, governments 3月31日). */
function ReportCountdown(props: { rows: ReportDeadline[] }) {
  return (
    <section aria-labelledby="report-countdown">
      <h2 id="report-countdown">年度报告公布期限</h2>
      <ul class="card-list">
        {props.rows.map((r) => {
          const done = r.state === 'published' || r.state === 'amended';
          const when = done
            ? `已公开（状态：${r.stateLabel}）`
            : r.daysLeft >= 0
              ? `距公布期限还有 ${r.daysLeft} 天（${r.deadline}），状态：${r.stateLabel}`
              : `已超过公布期限 ${-r.daysLeft} 天（${r.deadline}），状态：${r.stateLabel}`;
          return (
            <li key={r.orgCode} class={r.late ? 'field__error' : undefined}>
              <a href={`/admin/orgs/${r.orgCode}/reports/${r.year}`}>
                {r.orgName} {r.year} 年度报告
              </a>
              <span class="muted">　{when}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
