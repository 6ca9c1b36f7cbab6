import {
  addDays,
  addWorkingDays,
  isWorkingDay,
  type HolidayCalendar,
} from '../calendar/calendar.model.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { importExchange } from '../exchange/exchange.import.js';
import type { ApplicationRecord } from '../exchange/parts/applications.schema.js';
import type { AppealRecord } from '../exchange/parts/appeals.schema.js';
import { systemActor } from '../platform/authz.js';
import { idCardCheckChar, usccCheckChar } from '../platform/checksums.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { CODE_ALPHABET } from './applications.codes.js';
import type { ApplicationEvent, OutcomeCode } from './requests.model.js';

/**
 * Demo applications of 温州高新区(经开区)管委会 (`wzgxq`) for 2023–2026. 2022 stays at zero, as the
 * seed report says ("2022年，我委共受理政府信息公开申请0件，无信息公开行政复议及行政诉讼发生").
 * Deterministic (a seeded generator) and idempotent (imported through the exchange, keyed by
 * org + ref); events that would lie after today are left out, so recent cases stay open.
 */

const PER_YEAR: ReadonlyArray<[number, number]> = [
  [2023, 6],
  [2024, 9],
  [2025, 12],
  [2026, 10],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '涛'];
const TOPICS = [
  '2023年度高新区财政预算执行情况的相关文件',
  '某地块征收补偿安置方案及批复文号',
  '经开区企业研发费用补助资金的发放名单和标准',
  '某道路改造工程的环境影响评价批复',
  '区内老旧小区加装电梯补助政策文件',
  '2024年人才公寓分配办法及分配结果',
  '某工业园区规划调整的批准文件',
  '管委会关于营商环境优化的会议纪要',
];
const OUTCOMES: OutcomeCode[] = [
  'open',
  'open',
  'open',
  'partial',
  'unable_not_held',
  'withheld_process_info',
  'rejected_complaint',
];

/** mulberry32: a small deterministic generator. */
function generator(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

function idNumber(rand: (n: number) => number): string {
  const birth = `19${60 + rand(40)}${String(1 + rand(12)).padStart(2, '0')}${String(1 + rand(28)).padStart(2, '0')}`;
  const first17 = `330302${birth}${String(rand(1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

function uscc(rand: (n: number) => number): string {
  const body = `91330300${Array.from({ length: 9 }, () => CODE_ALPHABET[rand(10)] ?? '2').join('')}`;
  return body + (usccCheckChar(body) ?? '0');
}

/** A history by pattern, from the receipt date. */
function history(
  cal: HolidayCalendar,
  received: string,
  pattern: number,
  outcome: OutcomeCode,
): ApplicationEvent[] {
  const wd = (from: string, n: number) => addWorkingDays(cal, from, n).date;
  const end = (on: string): ApplicationEvent => ({
    type: 'concluded',
    on,
    outcome,
    legal_basis: null,
  });
  switch (pattern) {
    case 1: {
      const asked = wd(received, 3);
      const got = wd(asked, 4);
      return [
        { type: 'correction_requested', on: asked, due_on: wd(asked, 10) },
        { type: 'correction_received', on: got },
        end(wd(got, 12)),
      ];
    }
    case 2: {
      const start = wd(received, 4);
      return [
        { type: 'consultation_started', on: start, party: 'third_party' },
        { type: 'consultation_ended', on: wd(start, 8) },
        end(wd(received, 22)),
      ];
    }
    case 3:
      return [
        {
          type: 'extended',
          on: wd(received, 16),
          working_days: 10,
          approved_by: '管委会办公室主任',
        },
        end(wd(received, 26)),
      ];
    case 4:
      return [{ type: 'withdrawn', on: wd(received, 5) }];
    default:
      return [end(wd(received, 8 + (received.charCodeAt(9) % 8)))];
  }
}

/** The demo records (applications and appeals) as of `today`. */
export function demoRecords(
  cal: HolidayCalendar,
  today: string,
): { applications: ApplicationRecord[]; appeals: AppealRecord[] } {
  const rand = generator(20230101);
  const applications: ApplicationRecord[] = [];
  for (const [year, count] of PER_YEAR) {
    for (let i = 0; i < count; i++) {
      let received = `${year}-${String(1 + Math.floor((i * 11) / count)).padStart(2, '0')}-${String(3 + rand(20)).padStart(2, '0')}`;
      while (!isWorkingDay(cal, received)) received = addDays(received, 1);
      const ref = `YSQ${year}-${Array.from({ length: 8 }, () => CODE_ALPHABET[rand(CODE_ALPHABET.length)]).join('')}`;
      const company = rand(4) === 0;
      const name = company
        ? `温州某${['科技', '建设', '律师事务所', '研究院'][rand(4)]}有限公司`
        : `${SURNAMES[rand(12)]}${GIVEN[rand(12)]}${GIVEN[rand(12)]}`;
      const channel =
        (['online', 'online', 'in_person', 'mail', 'email'] as const)[rand(5)] ?? 'online';
      const events = history(
        cal,
        received,
        rand(6),
        OUTCOMES[rand(OUTCOMES.length)] ?? 'open',
      ).filter((e) => e.on <= today);
      if (received > today) continue;
      applications.push({
        org: 'wzgxq',
        ref,
        applicant: {
          type: company ? 'commercial' : 'natural_person',
          name,
          id_type: company ? 'uscc' : 'resident_id',
          id_number: company ? uscc(rand) : idNumber(rand),
          phone: `13${5 + rand(4)}${String(10_000_000 + rand(89_999_999)).slice(0, 8)}`,
          email: null,
          address: `浙江省温州市瓯海区某路${1 + rand(200)}号`,
        },
        channel,
        submitted_on: channel === 'mail' ? addDays(received, -2) : received,
        received_on: received,
        description: TOPICS[rand(TOPICS.length)] ?? TOPICS[0] ?? '',
        delivery: (['email', 'paper', 'paper', 'inspect'] as const)[rand(4)] ?? 'paper',
        events:
          events.some((e) => e.type === 'correction_requested') &&
          !events.some((e) => e.type === 'correction_received')
            ? events.filter((e) => e.type === 'correction_requested')
            : events,
      } as ApplicationRecord);
    }
  }
  const about = applications.find(
    (a) => a.received_on.startsWith('2024') && a.events.some((e) => e.type === 'concluded'),
  );
  const appeals: AppealRecord[] = about
    ? [
        {
          org: 'wzgxq',
          ref: '温政复〔2024〕37号',
          application: about.ref,
          kind: 'review',
          filed_on: addDays(about.events[about.events.length - 1]?.on ?? about.received_on, 20),
          decided_on: '2024-12-20',
          result: 'maintained',
        },
      ]
    : [];
  return {
    applications,
    appeals: appeals.filter((a) => a.filed_on <= today && (a.decided_on ?? '') <= today),
  };
}

/**
 * Seeds the demo applications and appeals of `wzgxq` (the org must exist). Safe to run again:
 * the second run changes nothing. Returns how many were created.
 */
export async function seedDemoApplications(
  ctx: AppContext,
): Promise<{ applications: number; appeals: number }> {
  const { applications, appeals } = demoRecords(await loadCalendar(ctx), chinaDate(ctx.now()));
  const summary = await importExchange(ctx, systemActor('demo'), {
    format: 'gongkai-exchange',
    version: 1,
    applications,
    appeals,
  });
  return {
    applications: summary.applications?.created ?? 0,
    appeals: summary.appeals?.created ?? 0,
  };
}
