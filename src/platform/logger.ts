import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Personal data never goes to logs: these paths are redacted wherever they
 * appear, and request logging records method, URL and status only.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'id_number',
        '*.id_number',
        'phone',
        '*.phone',
        'email',
        '*.email',
        'req.headers.cookie',
        'req.headers.authorization',
        'totp',
        '*.totp',
      ],
      censor: '[已屏蔽]',
    },
  });
}
