import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import { rankingXlsx } from './scores.render.js';
import { childRanking, orgScore } from './scores.service.js';
import { RankingPage, ScorePage, SelfInspectionPage } from './scores.views.js';
import { selfInspectionDocx } from './self-inspection.docx.js';
import { selfInspection } from './self-inspection.service.js';

type OrgParams = { Params: { code: string } };

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 绩效考核 pages (one org; the supervisor's ranking, chart and XLSX) and the 自查报告 (HTML, DOCX). */
export const scoresRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<OrgParams>('/admin/orgs/:code/scores', async (request, reply) => {
    const actor = requireActor(request);
    const view = await orgScore(ctx, actor, request.params.code, request.query);
    return sendPage(
      reply,
      <ScorePage actor={actor} csrf={csrfToken(reply)} path={pathOf(request)} view={view} />,
    );
  });

  app.get<OrgParams>('/admin/orgs/:code/scores/ranking', async (request, reply) => {
    const actor = requireActor(request);
    const view = await childRanking(ctx, actor, request.params.code, request.query);
    return sendPage(
      reply,
      <RankingPage actor={actor} csrf={csrfToken(reply)} path={pathOf(request)} view={view} />,
    );
  });

  app.get<OrgParams>('/admin/orgs/:code/scores/ranking.xlsx', async (request, reply) => {
    const actor = requireActor(request);
    const view = await childRanking(ctx, actor, request.params.code, request.query);
    const title = `${view.org.name}下级单位绩效考核得分（${view.period.from}至${view.period.to}）`;
    return reply
      .type(XLSX)
      .header(
        'content-disposition',
        `attachment; filename="${view.org.code}-scores-${view.period.from}-${view.period.to}.xlsx"`,
      )
      .send(await rankingXlsx(title, view.rows));
  });

  app.get<OrgParams>('/admin/orgs/:code/self-inspection', async (request, reply) => {
    const actor = requireActor(request);
    const data = await selfInspection(ctx, actor, request.params.code, request.query);
    return sendPage(
      reply,
      <SelfInspectionPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        data={data}
      />,
    );
  });

  app.get<OrgParams>('/admin/orgs/:code/self-inspection.docx', async (request, reply) => {
    const actor = requireActor(request);
    const data = await selfInspection(ctx, actor, request.params.code, request.query);
    return reply
      .type(DOCX)
      .header(
        'content-disposition',
        `attachment; filename="${data.org.code}-self-inspection-${data.period.from}-${data.period.to}.docx"`,
      )
      .send(await selfInspectionDocx(data));
  });
};
