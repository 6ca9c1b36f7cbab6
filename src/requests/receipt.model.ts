import { isIsoDate } from '../calendar/calendar.model.js';
import { ValidationError } from '../platform/errors.js';
import type { Channel } from './requests.model.js';

/** The dates known about how an application arrived. */
export interface ReceiptInput {
  channel: Channel;
  /** When the applicant handed in, posted or sent the application. */
  submitted_on: string;
  /** `mail`: the date the agency signed for the letter. */
  signed_on?: string | null;
  /** `mail_unsigned`, `online`, `email`, `fax`: the date of confirmation with the applicant. */
  confirmed_on?: string | null;
}

export interface Receipt {
  /** 收到申请之日. */
  received_on: string;
  /** The sentence of 条例第三十一条 that decided it. */
  basis: string;
}

/** Which date decides 收到申请之日 for each channel, with the words of 条例第三十一条. */
const RULES: Readonly<
  Record<Channel, { field: 'submitted_on' | 'signed_on' | 'confirmed_on'; basis: string }>
> = {
  in_person: {
    field: 'submitted_on',
    basis: '条例第三十一条第（一）项：当面提交的，以提交之日为收到申请之日',
  },
  mail: {
    field: 'signed_on',
    basis: '条例第三十一条第（二）项：邮寄方式提交的，以行政机关签收之日为收到申请之日',
  },
  mail_unsigned: {
    field: 'confirmed_on',
    basis: '条例第三十一条第（二）项：以平常信函等无需签收的邮寄方式提交的，确认之日为收到申请之日',
  },
  online: {
    field: 'confirmed_on',
    basis: '条例第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日',
  },
  email: {
    field: 'confirmed_on',
    basis: '条例第三十一条第（三）项：通过互联网渠道提交的，以双方确认之日为收到申请之日',
  },
  fax: {
    field: 'confirmed_on',
    basis:
      '条例第三十一条第（三）项：通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日',
  },
};

const FIELD_LABELS = {
  submitted_on: '提交日期',
  signed_on: '签收日期',
  confirmed_on: '确认日期',
} as const;

/**
 * 收到申请之日 by channel (条例第三十一条, REGULATIONS.md §4.2): the submission date when handed
 * in; the date signed for when posted; the confirmation date for ordinary letters, the internet,
 * e-mail and fax. The deciding date may not precede submission, nor follow `today` when given.
 * Throws a ValidationError (`ERR_RECEIPT_DATE`) naming the field.
 */
export function receivedOn(input: ReceiptInput, today?: string): Receipt {
  const rule = RULES[input.channel];
  const fields: Record<string, string> = {};
  if (!isIsoDate(input.submitted_on)) fields.submitted_on = '提交日期应为有效日期（YYYY-MM-DD）';
  const value = input[rule.field] ?? null;
  const label = FIELD_LABELS[rule.field];
  if (value === null || value === '') {
    fields[rule.field] = `请填写${label}（${rule.basis}）`;
  } else if (!isIsoDate(value)) {
    fields[rule.field] = `${label}应为有效日期（YYYY-MM-DD）`;
  } else if (isIsoDate(input.submitted_on) && value < input.submitted_on) {
    fields[rule.field] = `${label}不能早于提交日期`;
  } else if (today !== undefined && value > today) {
    fields[rule.field] = `${label}不能晚于今天`;
  }
  if (Object.keys(fields).length > 0) {
    throw new ValidationError(
      fields,
      '无法确定收到申请之日（条例第三十一条）。',
      'ERR_RECEIPT_DATE',
    );
  }
  return { received_on: value ?? input.submitted_on, basis: rule.basis };
}
