import { describe, expect, it } from 'vitest';
import { receivedOn, type ReceiptInput } from './receipt.model.js';

describe('收到申请之日 by channel (条例第三十一条)', () => {
  it.each<[string, ReceiptInput, string]>([
    [
      '当面提交: the submission date',
      { channel: 'in_person', submitted_on: '2025-10-09', signed_on: '2025-10-10' },
      '2025-10-09',
    ],
    [
      '邮寄: the date signed for',
      { channel: 'mail', submitted_on: '2025-10-09', signed_on: '2025-10-13' },
      '2025-10-13',
    ],
    [
      '平常信函: the confirmation date',
      { channel: 'mail_unsigned', submitted_on: '2025-10-09', confirmed_on: '2025-10-14' },
      '2025-10-14',
    ],
    [
      '互联网: the mutual confirmation date',
      { channel: 'online', submitted_on: '2025-09-30', confirmed_on: '2025-10-09' },
      '2025-10-09',
    ],
    [
      '电子邮件: the mutual confirmation date',
      { channel: 'email', submitted_on: '2025-10-09', confirmed_on: '2025-10-09' },
      '2025-10-09',
    ],
    [
      '传真: the mutual confirmation date',
      { channel: 'fax', submitted_on: '2025-10-09', confirmed_on: '2025-10-10' },
      '2025-10-10',
    ],
  ])('%s', (_name, input, expected) => {
    const receipt = receivedOn(input);
    expect(receipt.received_on).toBe(expected);
    expect(receipt.basis).toContain('条例第三十一条');
  });

  it.each<[string, ReceiptInput, string, string?]>([
    [
      'a posted letter without the date signed for',
      { channel: 'mail', submitted_on: '2025-10-09' },
      'signed_on',
    ],
    [
      'an online application without confirmation',
      { channel: 'online', submitted_on: '2025-10-09', confirmed_on: null },
      'confirmed_on',
    ],
    [
      'a confirmation before submission',
      { channel: 'fax', submitted_on: '2025-10-09', confirmed_on: '2025-10-08' },
      'confirmed_on',
    ],
    [
      'an invalid submission date',
      { channel: 'in_person', submitted_on: '2025-13-01' },
      'submitted_on',
    ],
    [
      'an invalid signed-for date',
      { channel: 'mail', submitted_on: '2025-10-09', signed_on: '10/10/2025' },
      'signed_on',
    ],
    [
      'a date after today',
      { channel: 'mail', submitted_on: '2025-10-09', signed_on: '2025-10-20' },
      'signed_on',
      '2025-10-15',
    ],
  ])('refuses %s with ERR_RECEIPT_DATE', (_name, input, field, today) => {
    expect(() => receivedOn(input, today)).toThrow(
      expect.objectContaining({
        code: 'ERR_RECEIPT_DATE',
        fields: expect.objectContaining({ [field]: expect.any(String) }),
      }),
    );
  });
});
