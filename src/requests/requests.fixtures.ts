import { buildCalendar } from '../calendar/calendar.model.js';
import { SHIPPED_YEARS } from '../calendar/calendar.data.js';
import type { Application, ApplicationEvent } from './requests.model.js';

/** The official 2019–2026 calendar, as the tests of this folder use it. */
export const CAL = buildCalendar([...SHIPPED_YEARS]);

/** An application received on `received_on` with the given events (test builder). */
export function anApplication(received_on: string, events: ApplicationEvent[] = []): Application {
  return {
    org: 'ORG1',
    ref: 'A-1',
    applicant: {
      type: 'natural_person',
      name: '张三',
      id_type: null,
      id_number: null,
      phone: null,
      email: null,
      address: null,
    },
    channel: 'in_person',
    submitted_on: received_on,
    received_on,
    description: '某某文件',
    delivery: 'paper',
    events,
  };
}
