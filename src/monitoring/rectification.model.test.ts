import { describe, expect, it } from 'vitest';
import { isOverdue } from './rectification.model.js';

describe('overdue rectification task (due_on < today and not finished)', () => {
  it.each([
    ['open, due yesterday', { due_on: '2026-11-27', status: 'open' }, true],
    ['fixed, due yesterday', { due_on: '2026-11-27', status: 'fixed' }, true],
    ['open, due today', { due_on: '2026-11-28', status: 'open' }, false],
    ['closed, due long ago', { due_on: '2026-01-01', status: 'closed' }, false],
    ['ignored, due long ago', { due_on: '2026-01-01', status: 'ignored' }, false],
    ['open, no due date', { due_on: null, status: 'open' }, false],
  ])('%s → %s', (_, f, expected) => {
    expect(isOverdue(f, '2026-11-28')).toBe(expected);
  });
});
