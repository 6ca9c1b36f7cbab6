import { z } from 'zod';

/**
 * The only module that reads process.env. Every variable is validated once; all problems are
 * reported together, and the result is frozen.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const hexKey = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hexadecimal characters (a 128-bit SM4 key)');

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:data/gongkai.sqlite')
    .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'must be sqlite:PATH (or sqlite::memory:) or postgres://USER@HOST:PORT/DB',
    }),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0–65535')
    .max(65535, 'must be 0–65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_KEY: hexKey.optional(),
  LOG_LEVEL: z
    .enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` })
    .default('info'),
  PUBLIC_URL: z
    .url({ message: 'must be an absolute URL such as https://gk.example.gov.cn' })
    .optional(),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WORKER: z
    .enum(['inprocess', 'off'], { message: 'must be inprocess or off' })
    .default('inprocess'),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  TZ_NAME: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  SMTP_URL: z
    .url({
      message: 'must be an smtp:// or smtps:// URL such as smtps://user:pass@mail.example.gov.cn',
    })
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).default('政务公开 <noreply@localhost>'),
});

export type Config = Readonly<{
  databaseUrl: string;
  port: number;
  host: string;
  sessionSecret: string | undefined;
  dataKey: string | undefined;
  logLevel: (typeof logLevels)[number];
  publicUrl: string | undefined;
  trustProxy: boolean;
  worker: 'inprocess' | 'off';
  attachmentsDir: string | undefined;
  bodyLimit: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  sessionHours: number;
  secureCookies: boolean;
  /** Outgoing mail server; null = e-mail is off (receipts and reminders stay in the app). */
  smtpUrl: string | null;
  mailFrom: string;
}>;

/** Raised when the environment is invalid; `problems` lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default) into a frozen Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    sessionSecret: e.SESSION_SECRET,
    dataKey: e.DATA_KEY?.toLowerCase(),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    worker: e.WORKER,
    attachmentsDir: e.ATTACHMENTS_DIR,
    bodyLimit: e.BODY_LIMIT,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    sessionHours: e.SESSION_HOURS,
    secureCookies: e.PUBLIC_URL?.startsWith('https:') ?? false,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
  });
}
