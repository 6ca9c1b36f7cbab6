import { formatChinaTime } from '../platform/time.js';
import { PostButton } from '../platform/views/components/form.js';
import { MonitoringPage, type MonitoringBase } from './monitoring.views.js';
import type { WhitelistView } from './whitelist.service.js';

/** The content-check whitelist page (issue 7, REGULATIONS.md §7.4). */

export const WHITELIST_DONE: Record<string, string> = {
  removed: '已从白名单删除该条目，下次检查时该文字将重新被检查。',
};

export function WhitelistPage(props: MonitoringBase & { entries: WhitelistView[] }) {
  const base = `/admin/orgs/${props.org.code}/monitoring/whitelist`;
  return (
    <MonitoringPage {...props} title="内容检查白名单" section={base}>
      <h1>内容检查白名单</h1>
      <p>
        在问题清单中将内容检查问题标记为“忽略（误报）”时，该文字会加入本单位白名单；
        此后的全站内容检查和发布前检查都不再就同一规则报告该文字。删除条目后将恢复检查。
      </p>
      {props.entries.length === 0 ? (
        <p>白名单为空。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">白名单条目</caption>
            <thead>
              <tr>
                <th scope="col">文字</th>
                <th scope="col">规则</th>
                <th scope="col">范围</th>
                <th scope="col">理由</th>
                <th scope="col">添加人及时间</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.display}</td>
                  <td>{e.rule ?? '全部规则'}</td>
                  <td>{e.org_id === null ? '全平台' : '本单位'}</td>
                  <td>{e.reason}</td>
                  <td>
                    {e.createdByName ?? '系统'}，{formatChinaTime(e.created_at)}
                  </td>
                  <td>
                    {e.mayRemove ? (
                      <PostButton
                        action={`${base}/${e.id}/delete`}
                        csrf={props.csrf}
                        variant="danger"
                      >
                        删除<span class="visually-hidden">「{e.display}」</span>
                      </PostButton>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </MonitoringPage>
  );
}
