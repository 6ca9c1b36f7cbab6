import { describe, expect, it } from 'vitest';
import { AhoCorasick, longestNonOverlapping } from './aho-corasick.js';

describe('AhoCorasick', () => {
  it('finds every occurrence of every pattern, overlapping ones included', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers']);
    const hits = ac.search('ushers').map((m) => `${m.index}@${m.start}-${m.end}`);
    expect(hits.sort()).toEqual(['0@2-4', '1@1-4', '3@2-6'].sort());
  });

  it('matches Chinese patterns at UTF-16 offsets', () => {
    const ac = new AhoCorasick(['市长', '副市长']);
    expect(longestNonOverlapping(ac.search('常务副市长'))).toEqual([
      { start: 2, end: 5, index: 1 },
    ]);
  });

  it('returns nothing for an empty pattern list or text', () => {
    expect(new AhoCorasick([]).search('任意文本')).toEqual([]);
    expect(new AhoCorasick(['按装']).search('')).toEqual([]);
  });

  it('scans a megabyte of text in one pass', () => {
    const ac = new AhoCorasick(['按装', '既使', '布署']);
    const text = '政府信息公开工作按装'.repeat(100_000);
    expect(ac.search(text)).toHaveLength(100_000);
  });
});
