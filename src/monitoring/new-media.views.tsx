import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
} from '../platform/views/components/form.js';
import { PostButton } from '../platform/views/components/form.js';
import { MonitoringPage, type MonitoringBase } from './monitoring.views.js';
import {
  NEW_MEDIA_PLATFORMS,
  NEW_MEDIA_STATUS_LABELS,
  NEW_MEDIA_STATUSES,
  PLATFORM_LABELS,
  platformLabel,
  type NewMediaStatus,
} from './new-media.model.js';
import type { NewMediaRow } from './new-media.repository.js';

/** The 政务新媒体 register page (REGULATIONS.md §7.3): list, add, edit, close. */

const LABELS: Record<string, string> = {
  platform: '平台',
  name: '账号名称',
  owner: '主办单位',
  status: '状态',
  merged_into: '整合至的账号',
  url: '网址',
  last_update_on: '最近更新日期',
};

/** Form values of a stored account. */
export function accountValues(r: NewMediaRow): Record<string, string> {
  return {
    platform: r.platform,
    name: r.name,
    owner: r.owner,
    status: r.status,
    merged_into: r.merged_into ?? '',
    url: r.url ?? '',
    last_update_on: r.last_update_on ?? '',
  };
}

export function NewMediaPage(
  props: MonitoringBase & {
    accounts: NewMediaRow[];
    mayEdit: boolean;
    editing: NewMediaRow | null;
    values: Record<string, string>;
    staleBefore: string;
    errors?: Record<string, string>;
    errorCode?: string;
  },
) {
  const base = `/admin/orgs/${props.org.code}/new-media`;
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <MonitoringPage {...props} title="政务新媒体" section={base}>
      <h1>政务新媒体</h1>
      <p>
        登记本单位开设的政务新媒体账号。运营中的账号最近更新早于 {props.staleBefore}
        的，监测时记为“政务新媒体不更新”（单项否决）。
      </p>
      {props.accounts.length === 0 ? (
        <p>尚未登记账号。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">政务新媒体账号</caption>
            <thead>
              <tr>
                <th scope="col">平台</th>
                <th scope="col">账号名称</th>
                <th scope="col">主办单位</th>
                <th scope="col">状态</th>
                <th scope="col">最近更新</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {props.accounts.map((a) => {
                const stale =
                  a.status === 'operating' &&
                  (a.last_update_on === null || a.last_update_on < props.staleBefore);
                return (
                  <tr key={a.id}>
                    <td>{platformLabel(a.platform)}</td>
                    <td>
                      {a.url ? <a href={a.url}>{a.name}</a> : a.name}
                      {a.status === 'merged' && a.merged_into
                        ? `（已整合至 ${a.merged_into}）`
                        : ''}
                    </td>
                    <td>{a.owner}</td>
                    <td>{NEW_MEDIA_STATUS_LABELS[a.status as NewMediaStatus] ?? a.status}</td>
                    <td class={stale ? 'monitor-bad' : undefined}>
                      {a.last_update_on ?? '无记录'}
                      {stale ? '（超期未更新）' : ''}
                    </td>
                    <td>
                      {props.mayEdit ? (
                        <>
                          <a href={`${base}?edit=${a.id}#account-form`}>
                            编辑<span class="visually-hidden">{a.name}</span>
                          </a>{' '}
                          {a.status !== 'closed' ? (
                            <PostButton action={`${base}/${a.id}/close`} csrf={props.csrf}>
                              关停<span class="visually-hidden">{a.name}</span>
                            </PostButton>
                          ) : null}
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.mayEdit ? (
        <>
          <h2 id="account-form">
            {props.editing ? `编辑账号：${props.editing.name}` : '登记新账号'}
          </h2>
          <form
            method="post"
            action={props.editing ? `${base}/${props.editing.id}` : base}
            novalidate
          >
            <div data-error-code={props.errors ? (props.errorCode ?? 'ERR_VALIDATION') : undefined}>
              <ErrorSummary errors={props.errors} labels={LABELS} />
            </div>
            <CsrfField token={props.csrf} />
            <SelectField
              name="platform"
              label="平台"
              value={v.platform}
              error={e.platform}
              emptyLabel="请选择"
              options={NEW_MEDIA_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))}
              required
            />
            <TextField name="name" label="账号名称" value={v.name} error={e.name} required />
            <TextField name="owner" label="主办单位" value={v.owner} error={e.owner} required />
            <SelectField
              name="status"
              label="状态"
              value={v.status ?? 'operating'}
              error={e.status}
              options={NEW_MEDIA_STATUSES.map((s) => ({
                value: s,
                label: NEW_MEDIA_STATUS_LABELS[s],
              }))}
              required
            />
            <TextField
              name="merged_into"
              label="整合至的账号"
              hint="状态为“已整合”时填写"
              value={v.merged_into}
              error={e.merged_into}
            />
            <TextField name="url" label="网址" value={v.url} error={e.url} type="url" />
            <TextField
              name="last_update_on"
              label="最近更新日期"
              hint="格式 YYYY-MM-DD，例如 2026-11-20"
              value={v.last_update_on}
              error={e.last_update_on}
              width="medium"
            />
            <Button>保存</Button>
            {props.editing ? (
              <p>
                <a href={base}>取消编辑</a>
              </p>
            ) : null}
          </form>
        </>
      ) : null}
    </MonitoringPage>
  );
}
