import { ROLES, ROLE_LABELS, type Role } from '../platform/authz.js';
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  PostButton,
  TextField,
} from '../platform/views/components/form.js';
import { Notice, SummaryList } from '../platform/views/components/misc.js';
import type { UserView } from './accounts.service.js';
import { Page, type FormState, type PageBase } from './auth.views.js';

/** Pages of user management: list, create/edit form with the role × org table, one-time password. */

const LABELS = {
  username: '用户名',
  display_name: '姓名',
  email: '电子邮箱',
  password: '初始密码',
  grant: '角色',
  disabled: '停用',
  platform_admin: '平台管理员',
};

type OrgOption = { id: number; code: string; name: string };

export function UserListPage(props: PageBase & { users: UserView[]; canCreate: boolean }) {
  return (
    <Page {...props} title="用户">
      <h1>用户</h1>
      {props.canCreate ? (
        <p>
          <a href="/admin/users/new" class="button button--primary">
            新建用户
          </a>
        </p>
      ) : null}
      <table class="table">
        <caption class="visually-hidden">用户列表</caption>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.username}</a>
              </td>
              <td>{u.displayName}</td>
              <td>{rolesText(u)}</td>
              <td>{statusText(u)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

function rolesText(u: UserView): string {
  const parts = u.grants.map((g) => `${g.orgName}：${ROLE_LABELS[g.role]}`);
  if (u.isPlatformAdmin) parts.unshift(ROLE_LABELS.platform_admin);
  return parts.join('；') || '—';
}

function statusText(u: UserView): string {
  if (u.disabled) return '已停用';
  if (u.locked) return '已锁定';
  return u.totpEnabled ? '正常' : '正常（未设置双因素认证）';
}

/** The role × org table: one checkbox per role in each org the actor may grant roles in. */
function GrantTable(props: {
  orgs: OrgOption[];
  selected: Set<string>;
  error?: string | undefined;
}) {
  return (
    <fieldset class="fieldset" id="f-grant">
      <legend>角色（按单位分配）</legend>
      {props.error ? <p class="field__error">{props.error}</p> : null}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            {ROLES.map((r) => (
              <th scope="col" key={r}>
                {ROLE_LABELS[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.orgs.map((o) => (
            <tr key={o.id}>
              <th scope="row">{o.name}</th>
              {ROLES.map((r: Role) => {
                const value = `${o.id}:${r}`;
                const id = `grant-${o.id}-${r}`;
                return (
                  <td key={r}>
                    <input
                      type="checkbox"
                      id={id}
                      name="grant"
                      value={value}
                      checked={props.selected.has(value)}
                    />
                    <label for={id} class="visually-hidden">{`${o.name} ${ROLE_LABELS[r]}`}</label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

export interface UserFormValues {
  username?: string;
  display_name?: string;
  email?: string | null;
  platform_admin?: boolean;
  disabled?: boolean;
  grants: string[];
}

export function UserFormPage(
  props: PageBase &
    FormState & {
      mode: 'new' | 'edit';
      user?: UserView;
      values: UserFormValues;
      orgs: OrgOption[];
      canGrantPlatformAdmin: boolean;
      canUpdate: boolean;
      notice?: string | undefined;
    },
) {
  const v = props.values;
  const e = props.errors ?? {};
  const action = props.mode === 'new' ? '/admin/users/new' : `/admin/users/${props.user?.id ?? ''}`;
  const title = props.mode === 'new' ? '新建用户' : `用户：${props.user?.username ?? ''}`;
  return (
    <Page {...props} title={title}>
      <h1>{title}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ErrorSummary errors={props.errors} labels={LABELS} />
      {props.user ? (
        <SummaryList
          rows={[
            ['用户名', props.user.username],
            ['角色', rolesText(props.user)],
            ['状态', statusText(props.user)],
          ]}
        />
      ) : null}
      {props.canUpdate ? (
        <form method="post" action={action} data-error-code={props.code} novalidate>
          <CsrfField token={props.csrf} />
          {props.mode === 'new' ? (
            <TextField
              name="username"
              label="用户名"
              hint="3–40个字符：小写字母、数字、下划线、点或连字符"
              value={v.username}
              required
              error={e.username}
              width="medium"
              autocomplete="off"
            />
          ) : null}
          <TextField
            name="display_name"
            label="姓名"
            value={v.display_name}
            required
            error={e.display_name}
            width="medium"
          />
          <TextField
            name="email"
            label="电子邮箱"
            type="email"
            value={v.email}
            error={e.email}
            width="medium"
          />
          {props.mode === 'new' ? (
            <TextField
              name="password"
              label="初始密码"
              hint="至少12个字符；留空则由系统生成并只显示一次"
              type="password"
              error={e.password}
              width="medium"
              autocomplete="new-password"
            />
          ) : null}
          {props.canGrantPlatformAdmin ? (
            <Checkbox
              name="platform_admin"
              label="平台管理员（可管理所有单位）"
              checked={v.platform_admin ?? false}
            />
          ) : null}
          {props.mode === 'edit' ? (
            <Checkbox name="disabled" label="停用此账户" checked={v.disabled ?? false} />
          ) : null}
          {e.disabled ? <p class="field__error">{e.disabled}</p> : null}
          <GrantTable orgs={props.orgs} selected={new Set(v.grants)} error={e.grant} />
          <Button>{props.mode === 'new' ? '创建用户' : '保存'}</Button>
        </form>
      ) : (
        <p>您可以查看此用户，但无权修改。</p>
      )}
      {props.mode === 'edit' && props.canUpdate && props.user ? (
        <>
          <h2>重置密码</h2>
          <p>生成新密码并只显示一次；该用户的所有登录会话将退出，锁定状态将解除。</p>
          <PostButton
            action={`/admin/users/${props.user.id}/reset-password`}
            csrf={props.csrf}
            variant="danger"
          >
            重置密码
          </PostButton>
        </>
      ) : null}
    </Page>
  );
}

export function OneTimePasswordPage(
  props: PageBase & { username: string; password: string; userId: number },
) {
  return (
    <Page {...props} title="初始密码">
      <h1>请记录 {props.username} 的密码</h1>
      <Notice kind="warning">
        此密码只显示这一次，请通过安全渠道告知本人，并提醒其登录后修改密码。
      </Notice>
      <p>
        密码：<code id="one-time-password">{props.password}</code>
      </p>
      <p>
        <a href={`/admin/users/${props.userId}`}>返回用户</a>
      </p>
    </Page>
  );
}
