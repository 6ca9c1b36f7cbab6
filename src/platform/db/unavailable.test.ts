import { describe, expect, it } from 'vitest';
import { databaseUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseUnavailable', () => {
  it.each([
    [withCode('57P01', 'terminating connection due to administrator command'), 'down'],
    [withCode('57P03', 'the database system is starting up'), 'down'],
    [withCode('53300', 'sorry, too many clients already'), 'busy'],
    [withCode('08006'), 'down'],
    [withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'down'],
    [withCode('ECONNRESET'), 'down'],
    [new Error('Connection terminated unexpectedly'), 'down'],
    [new Error('timeout exceeded when trying to connect'), 'down'],
    [withCode('SQLITE_FULL', 'database or disk is full'), 'full'],
    [withCode('SQLITE_BUSY', 'database is locked'), 'busy'],
    [withCode('SQLITE_BUSY_SNAPSHOT'), 'busy'],
    [withCode('SQLITE_IOERR_WRITE'), 'down'],
    [new Error('wrapped', { cause: withCode('ECONNREFUSED') }), 'down'],
    [
      Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), {
        message: '',
      }),
      'down',
    ],
  ])('%s → %s', (err, kind) => {
    expect(databaseUnavailable(err)).toBe(kind);
  });

  it.each([
    [withCode('23505', 'duplicate key value violates unique constraint')],
    [withCode('42P01', 'relation "x" does not exist')],
    [withCode('SQLITE_CONSTRAINT_UNIQUE')],
    [new TypeError('x is undefined')],
    [null],
    ['a string'],
  ])('is not an outage: %s', (err) => {
    expect(databaseUnavailable(err)).toBeNull();
  });
});
