import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError, ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { parseInput, zodFieldErrors } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { YearEditPage, type YearEditValues } from './calendar.edit.views.js';
import { explainDeadline } from './calendar.explain.js';
import { can } from './calendar.policy.js';
import {
  calcSchema,
  editFormSchema,
  formatDayLines,
  parseDayLines,
  yearSchema,
} from './calendar.schema.js';
import { calendarYear, loadCalendar, removeOverride, setYear } from './calendar.service.js';
import { CalcPage, CalendarPage, type CalcState } from './calendar.views.js';

const pageQuery = z.object({
  year: yearSchema.optional(),
  saved: z.enum(['set', 'removed']).optional(),
});
const yearParams = z.object({ year: yearSchema });
const editBody = z.object({
  source: z.string().optional().default(''),
  note: z.string().optional().default(''),
  days: z.string().optional().default(''),
});

function forbidEdit(): ForbiddenError {
  return new ForbiddenError('ERR_FORBIDDEN', '只有平台管理员可以修改工作日历。');
}

/**
 * Maps a service error keyed `days[i]` (position in the parsed list) back to the textarea,
 * naming the line (第N行), so the form can show it next to the field.
 */
function formErrors(err: ValidationError, year: number, text: string): Record<string, string> {
  const { lineNumbers } = parseDayLines(year, text);
  const out: Record<string, string> = {};
  const dayMessages: string[] = [];
  for (const [key, message] of Object.entries(err.fields)) {
    const m = /^days\[(\d+)\]$/.exec(key);
    if (m) dayMessages.push(`第${lineNumbers[Number(m[1])] ?? Number(m[1]) + 1}行：${message}`);
    else out[key.split(/[.[]/)[0] ?? key] = message;
  }
  if (dayMessages.length) out.days = dayMessages.join('；');
  return out;
}

/** Routes of the calendar domain: the year page, the calculator and the year editor. */
export const calendarRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/admin/calendar', async (request, reply) => {
    const actor = requireActor(request);
    if (!can(actor, 'view')) throw new ForbiddenError();
    const q = parseInput(pageQuery, request.query);
    const year = q.year ?? Number(chinaDate(ctx.now()).slice(0, 4));
    const [info, cal] = await Promise.all([calendarYear(ctx, year), loadCalendar(ctx)]);
    const calc: CalcState = { from: chinaDate(ctx.now()), n: '20' };
    return sendPage(
      reply,
      <CalendarPage
        actor={actor}
        csrf={csrfToken(reply)}
        info={info}
        cal={cal}
        canEdit={can(actor, 'edit')}
        saved={q.saved}
        calc={calc}
      />,
    );
  });

  app.get('/admin/calendar/calc', async (request, reply) => {
    const actor = requireActor(request);
    if (!can(actor, 'view')) throw new ForbiddenError();
    const raw = parseInput(
      z.object({ from: z.string().optional(), n: z.string().optional() }),
      request.query,
    );
    if (raw.from === undefined && raw.n === undefined) {
      return sendPage(
        reply,
        <CalcPage
          actor={actor}
          csrf={csrfToken(reply)}
          calc={{ from: chinaDate(ctx.now()), n: '20' }}
        />,
      );
    }
    const state: CalcState = { from: raw.from ?? '', n: raw.n ?? '' };
    const parsed = calcSchema.safeParse(raw);
    if (!parsed.success) {
      const calc = { ...state, errors: zodFieldErrors(parsed.error) };
      return sendPage(reply, <CalcPage actor={actor} csrf={csrfToken(reply)} calc={calc} />, 400);
    }
    const result = explainDeadline(await loadCalendar(ctx), parsed.data.from, parsed.data.n);
    return sendPage(
      reply,
      <CalcPage actor={actor} csrf={csrfToken(reply)} calc={{ ...state, result }} />,
    );
  });

  app.get('/admin/calendar/:year/edit', async (request, reply) => {
    const actor = requireActor(request);
    if (!can(actor, 'edit')) throw forbidEdit();
    const { year } = parseInput(yearParams, request.params);
    const info = await calendarYear(ctx, year);
    const values: YearEditValues = {
      source: info.source ?? '',
      note: info.note ?? '',
      days: formatDayLines(info.days),
    };
    return sendPage(
      reply,
      <YearEditPage
        actor={actor}
        csrf={csrfToken(reply)}
        year={year}
        origin={info.origin}
        values={values}
      />,
    );
  });

  app.post('/admin/calendar/:year/edit', async (request, reply) => {
    const actor = requireActor(request);
    if (!can(actor, 'edit')) throw forbidEdit();
    const { year } = parseInput(yearParams, request.params);
    const values: YearEditValues = parseInput(editBody, request.body ?? {});
    const rerender = async (errors: Record<string, string>) => {
      const info = await calendarYear(ctx, year);
      const page = (
        <YearEditPage
          actor={actor}
          csrf={csrfToken(reply)}
          year={year}
          origin={info.origin}
          values={values}
          errors={errors}
        />
      );
      return sendPage(reply, page, 400);
    };
    const parsed = editFormSchema(year).safeParse(values);
    if (!parsed.success) return rerender(zodFieldErrors(parsed.error));
    try {
      await setYear(ctx, actor, { year, ...parsed.data });
    } catch (err) {
      if (err instanceof ValidationError) return rerender(formErrors(err, year, values.days));
      throw err;
    }
    return reply.redirect(`/admin/calendar?year=${year}&saved=set`, 303);
  });

  app.post('/admin/calendar/:year/remove', async (request, reply) => {
    const actor = requireActor(request);
    const { year } = parseInput(yearParams, request.params);
    await removeOverride(ctx, actor, year);
    return reply.redirect(`/admin/calendar?year=${year}&saved=removed`, 303);
  });
};
