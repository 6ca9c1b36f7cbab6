import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('uses the embedded SQLite database and port 3000 by default', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('sqlite:data/gongkai.sqlite');
    expect(c.port).toBe(3000);
    expect(c.secureCookies).toBe(false);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('accepts a PostgreSQL URL and marks cookies Secure behind an https PUBLIC_URL', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/gk',
      PUBLIC_URL: 'https://gk.example.gov.cn',
    });
    expect(c.databaseUrl).toBe('postgres://u@db:5432/gk');
    expect(c.secureCookies).toBe(true);
  });

  it('reports every invalid variable at once', () => {
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATA_KEY: 'short',
        SESSION_SECRET: 'tiny',
      });
      expect.unreachable('loadConfig accepted invalid variables');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const names = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual([
        'DATABASE_URL',
        'DATA_KEY',
        'LOG_LEVEL',
        'PORT',
        'SESSION_SECRET',
      ]);
    }
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ WORKER: 'sometimes' }, 'WORKER'],
  ])('refuses %o', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      expect((err as ConfigError).problems[0]).toMatch(new RegExp(`^${name}:`));
    }
  });

  it('accepts an smtp or smtps SMTP_URL and refuses other schemes', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.gov.cn:465' }).smtpUrl).toBe(
      'smtps://u:p@mail.example.gov.cn:465',
    );
    expect(loadConfig({}).smtpUrl).toBeNull();
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.gov.cn' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(ConfigError);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});
