import { describe, expect, it } from 'vitest';
import { detectInternalMarkers, detectSecrecyMarkers } from './secrecy.js';

const OPTS = { today: '2026-01-01' };
const texts = (fs: Array<{ text: string }>): string[] => fs.map((f) => f.text);

describe('保密 markers (REGULATIONS.md §7.6, GB/T 9704-2012)', () => {
  it('flags 密级★保密期限 anywhere as high', () => {
    expect(detectSecrecyMarkers('机密★5年\n关于某事项的请示', OPTS)).toMatchObject([
      { rule: 'secrecy_marker', severity: 'high', text: '机密★5年', start: 0, end: 5 },
    ]);
    expect(texts(detectSecrecyMarkers('正文中出现秘密 ★ 字样', OPTS))).toEqual(['秘密 ★']);
    expect(texts(detectSecrecyMarkers('绝密★启用前', OPTS))).toEqual(['绝密★']);
  });

  it('flags a bare 密级 word alone on one of the first lines, and 密级： labels', () => {
    expect(texts(detectSecrecyMarkers('市政府办公室\n机密\n关于干部任免的请示', OPTS))).toEqual([
      '机密',
    ]);
    expect(texts(detectSecrecyMarkers('密级：秘密\n正文', OPTS))).toEqual(['密级：秘密']);
  });

  it('does not flag bare words in running text or after the first lines', () => {
    expect(detectSecrecyMarkers('不得泄露个人隐私和商业秘密，依法保守国家秘密。', OPTS)).toEqual(
      [],
    );
    expect(detectSecrecyMarkers('一\n二\n三\n四\n五\n秘密', OPTS)).toEqual([]);
  });

  it('flags internal-circulation markers at medium, from a configurable list', () => {
    expect(detectInternalMarkers('内部资料　注意保存', OPTS)).toMatchObject([
      { rule: 'internal_marker', severity: 'medium', text: '内部资料' },
    ]);
    expect(
      texts(detectInternalMarkers('仅供领导参阅', { ...OPTS, internalMarkers: ['仅供领导参阅'] })),
    ).toEqual(['仅供领导参阅']);
    expect(detectInternalMarkers('内部资料', { ...OPTS, internalMarkers: [] })).toEqual([]);
  });
});
