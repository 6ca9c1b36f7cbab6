import { z } from 'zod';
import { isIsoDate } from '../calendar/calendar.model.js';
import { formText, optionalFormText } from '../platform/validation.js';

/** The register of an org's 政务新媒体 accounts (REGULATIONS.md §7.3). */

export const NEW_MEDIA_PLATFORMS = [
  'wechat',
  'weibo',
  'douyin',
  'toutiao',
  'kuaishou',
  'channels',
  'other',
] as const;
export type NewMediaPlatform = (typeof NEW_MEDIA_PLATFORMS)[number];
export const PLATFORM_LABELS: Record<NewMediaPlatform, string> = {
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  kuaishou: '快手',
  channels: '视频号',
  other: '其他',
};

export const NEW_MEDIA_STATUSES = ['operating', 'closed', 'merged'] as const;
export type NewMediaStatus = (typeof NEW_MEDIA_STATUSES)[number];
export const NEW_MEDIA_STATUS_LABELS: Record<NewMediaStatus, string> = {
  operating: '运营中',
  closed: '已关停',
  merged: '已整合',
};

/** The label of a stored platform code (unknown codes shown as they are). */
export function platformLabel(p: string): string {
  return (PLATFORM_LABELS as Record<string, string>)[p] ?? p;
}

const optionalDate = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
    z
      .string()
      .refine((s) => isIsoDate(s), `${label}格式应为 YYYY-MM-DD`)
      .nullable(),
  );

/** The add/edit form of an account, validated with Chinese messages. */
export const newMediaFormSchema = z
  .object({
    platform: z.enum(NEW_MEDIA_PLATFORMS, { message: '请选择平台' }),
    name: formText('账号名称', 100),
    owner: formText('主办单位', 100),
    status: z.enum(NEW_MEDIA_STATUSES, { message: '请选择状态' }),
    merged_into: optionalFormText('整合至的账号', 100),
    url: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
      z
        .string()
        .max(500, '网址不能超过500个字符')
        .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), '网址应以 http:// 或 https:// 开头')
        .nullable(),
    ),
    last_update_on: optionalDate('最近更新日期'),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'merged' && !v.merged_into)
      ctx.addIssue({
        code: 'custom',
        path: ['merged_into'],
        message: '状态为“已整合”时，请填写整合至的账号',
      });
  });
export type NewMediaForm = z.output<typeof newMediaFormSchema>;

/** True when `lastUpdateOn` is after `today` (an update cannot be recorded in the future). */
export function isFutureDate(date: string | null, today: string): boolean {
  return date !== null && date > today;
}
