import { describe, expect, it } from 'vitest';
import {
  idCardCheckChar,
  idCardProblem,
  isValidUscc,
  luhnValid,
  usccCheckChar,
} from './checksums.js';

const TODAY = '2026-11-28';

describe('居民身份证号 (GB 11643-1999, REGULATIONS.md §7.5)', () => {
  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null],
    ['110105194912310021', 'checksum'],
    ['11010519491331002X', 'birth_date'],
    ['110105202712310025', 'birth_date'],
    ['99010519491231002X', 'region'],
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
  ])('%s → %s', (id, problem) => {
    expect(idCardProblem(id, TODAY)).toBe(problem);
  });

  it('computes the check character of the worked example (S = 167, 167 mod 11 = 2 → X)', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts 29 February only in leap years', () => {
    const leap = '11010520000229' + '001';
    const nonLeap = '11010519990229' + '001';
    expect(idCardProblem(leap + idCardCheckChar(leap), TODAY)).toBeNull();
    expect(idCardProblem(nonLeap + idCardCheckChar(nonLeap), TODAY)).toBe('birth_date');
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['11441700007280420Y', true],
    ['12620600MB0523338C', true],
    ['11341702486344515H', true],
    ['11441700007280420X', false],
    ['11441700007280420', false],
    ['I1441700007280420Y', false],
  ])('%s valid: %s', (code, valid) => {
    expect(isValidUscc(code)).toBe(valid);
  });

  it('derives Y for the worked example (Σ = 714, 714 mod 31 = 1 → 30 → Y)', () => {
    expect(usccCheckChar('11441700007280420')).toBe('Y');
  });
});

describe('Luhn (bank cards)', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['12a4', false],
  ])('%s → %s', (n, ok) => {
    expect(luhnValid(n)).toBe(ok);
  });
});
