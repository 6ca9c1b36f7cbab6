import { describe, expect, it } from 'vitest';
import {
  applicantKey,
  countVolume,
  monthlyOrdinal,
  volumeWarnings,
  type VolumeRecord,
} from './volume.model.js';

function rec(
  ref: string,
  received_on: string,
  applicant: Partial<VolumeRecord['applicant']> = {},
  org = 'ORG1',
): VolumeRecord {
  return {
    org,
    ref,
    received_on,
    applicant: { name: '张三', id_number: null, phone: '13800138000', ...applicant },
  };
}

describe('recognising the same applicant (条例第三十五条)', () => {
  it.each<[string, VolumeRecord['applicant'], string | null]>([
    [
      'by ID number, ignoring case and spaces',
      { name: '张三', id_number: '11010519491231002x ', phone: null },
      'id:11010519491231002X',
    ],
    [
      'by name and phone without an ID number',
      { name: '张 三', id_number: null, phone: '+86 138-0013-8000' },
      'np:张三|13800138000',
    ],
    ['not at all with a name only', { name: '张三', id_number: null, phone: null }, null],
  ])('%s', (_name, applicant, key) => {
    expect(applicantKey(applicant)).toBe(key);
  });

  it('joins a record without ID to the one applicant with that name, phone and an ID', () => {
    const records = [
      rec('1', '2025-10-09', { id_number: '110105194912310029' }),
      rec('2', '2025-10-10'),
    ];
    const [volume] = countVolume(records);
    expect(volume?.months.get('2025-10')).toBe(2);
  });
});

describe('counting per natural month and year (条例第三十五条; 国办函〔2020〕109号)', () => {
  const eleven = Array.from({ length: 11 }, (_, i) =>
    rec(`A${String(i).padStart(2, '0')}`, `2025-10-${String(i + 1).padStart(2, '0')}`),
  );

  it('counts per month and per year, separately for each org', () => {
    const volumes = countVolume([
      ...eleven,
      rec('B1', '2025-11-03'),
      rec('C1', '2025-10-03', {}, 'ORG2'),
    ]);
    const org1 = volumes.find((v) => v.org === 'ORG1');
    expect(org1?.months.get('2025-10')).toBe(11);
    expect(org1?.months.get('2025-11')).toBe(1);
    expect(org1?.years.get('2025')).toBe(12);
    expect(volumes.find((v) => v.org === 'ORG2')?.years.get('2025')).toBe(1);
  });

  it('warns above 10 applications in a month, not at 10', () => {
    expect(volumeWarnings(eleven.slice(0, 10))).toEqual([]);
    const [warning] = volumeWarnings(eleven);
    expect(warning).toMatchObject({ month: '2025-10', count: 11 });
    expect(warning?.message).toContain('条例第三十五条');
  });

  it('numbers an application within its month for the 按件 fee', () => {
    expect(monthlyOrdinal(eleven, { org: 'ORG1', ref: 'A10' })).toEqual({ n: 11, fee_yuan: 100 });
    expect(monthlyOrdinal(eleven, { org: 'ORG1', ref: 'A00' })).toEqual({ n: 1, fee_yuan: 0 });
    expect(monthlyOrdinal(eleven, { org: 'ORG1', ref: 'nope' })).toBeNull();
  });
});
