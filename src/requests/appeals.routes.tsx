import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
} from '../platform/views/components/form.js';
import { sendPage } from '../platform/views/render.js';
import type { Actor } from '../platform/authz.js';
import {
  APPEAL_KIND_LABELS,
  APPEAL_RESULT_LABELS,
  listAppeals,
  saveAppeal,
  type AppealView,
} from './appeals.service.js';
import { orgFor } from './requests.service.js';

type OrgParams = { Params: { code: string } };

/** The appeals page of an org: the list (pending first) and the form to record or update a case. */
function AppealsPage(props: {
  actor: Actor;
  csrf: string;
  path: string;
  org: { code: string; name: string };
  appeals: AppealView[];
  values: Record<string, string>;
  errors?: Record<string, string>;
  code?: string;
}) {
  const e = props.errors ?? {};
  const v = props.values;
  const pending = props.appeals.filter((a) => a.decided_on === null);
  const row = (a: AppealView) => (
    <tr key={a.id}>
      <td>{a.ref}</td>
      <td>{APPEAL_KIND_LABELS[a.kind]}</td>
      <td>{a.body ?? '—'}</td>
      <td>{a.application ?? '—'}</td>
      <td>{a.stage ?? '—'}</td>
      <td>{a.filed_on}</td>
      <td>
        {a.decided_on
          ? `${a.decided_on} ${a.result ? APPEAL_RESULT_LABELS[a.result] : ''}`
          : '尚未审结'}
      </td>
    </tr>
  );
  const table = (caption: string, list: AppealView[]) => (
    <table class="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">案号</th>
          <th scope="col">类型</th>
          <th scope="col">复议机关或法院</th>
          <th scope="col">涉及的申请</th>
          <th scope="col">阶段</th>
          <th scope="col">立案日期</th>
          <th scope="col">结果</th>
        </tr>
      </thead>
      <tbody>{list.map(row)}</tbody>
    </table>
  );
  return (
    <AdminLayout
      title={`行政复议、行政诉讼 - ${props.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>{props.org.name}：行政复议、行政诉讼</h1>
      <p>
        <a href={`/admin/orgs/${props.org.code}/applications`}>返回申请列表</a>
      </p>
      {table(`尚未审结（${pending.length}件）`, pending)}
      {table(`全部案件（${props.appeals.length}件）`, props.appeals)}
      <h2>登记或更新案件</h2>
      <p class="field__hint">案号相同的，更新原记录（阶段、审结日期和结果）。用于年度报告表四。</p>
      <ErrorSummary errors={e} />
      <form
        method="post"
        action={`/admin/orgs/${props.org.code}/appeals`}
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <TextField name="ref" label="案号" required error={e.ref} value={v.ref} width="medium" />
        <SelectField
          name="kind"
          label="案件类型"
          error={e.kind}
          value={v.kind ?? 'review'}
          options={Object.entries(APPEAL_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField name="body" label="复议机关或法院" error={e.body} value={v.body} />
        <TextField
          name="application"
          label="涉及的申请（受理编号，选填）"
          error={e.application}
          value={v.application}
          width="medium"
        />
        <TextField
          name="stage"
          label="阶段（选填）"
          hint="例如 一审、二审、复议审理中。"
          error={e.stage}
          value={v.stage}
          width="medium"
        />
        <TextField
          name="filed_on"
          label="立案（受理）日期"
          required
          hint="格式 YYYY-MM-DD。"
          error={e.filed_on}
          value={v.filed_on}
          width="medium"
        />
        <TextField
          name="decided_on"
          label="审结日期（未审结不填）"
          hint="格式 YYYY-MM-DD。"
          error={e.decided_on}
          value={v.decided_on}
          width="medium"
        />
        <SelectField
          name="result"
          label="结果（未审结不填）"
          error={e.result}
          value={v.result ?? ''}
          emptyLabel="未审结"
          options={Object.entries(APPEAL_RESULT_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Button>保存</Button>
      </form>
    </AdminLayout>
  );
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;

/** /admin/orgs/:code/appeals: list and record 行政复议 / 行政诉讼 cases (post → redirect → get). */
export const appealsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<OrgParams>('/admin/orgs/:code/appeals', async (request, reply) => {
    const actor = requireActor(request);
    const { org } = await orgFor(ctx, actor, request.params.code, 'read');
    const appeals = await listAppeals(ctx, actor, org.code);
    return sendPage(
      reply,
      <AppealsPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        org={org}
        appeals={appeals}
        values={{}}
      />,
    );
  });

  app.post<OrgParams>('/admin/orgs/:code/appeals', async (request, reply) => {
    const actor = requireActor(request);
    const { org } = await orgFor(ctx, actor, request.params.code, 'handle');
    const body = (request.body ?? {}) as Record<string, string>;
    try {
      await saveAppeal(ctx, actor, org.code, body);
      return reply.redirect(`/admin/orgs/${org.code}/appeals`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const appeals = await listAppeals(ctx, actor, org.code);
      const page = (
        <AppealsPage
          actor={actor}
          csrf={csrfToken(reply)}
          path={pathOf(request)}
          org={org}
          appeals={appeals}
          values={body}
          errors={err.fields}
          code={err.code}
        />
      );
      return sendPage(reply, page, 400);
    }
  });
};
