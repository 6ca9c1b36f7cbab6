import crypto from 'node:crypto';

/**
 * Abuse control of the public forms (issue 4): sliding-window counters per client address and per
 * applicant (the keyed hash of the ID number), and an accessible challenge — a simple sum written
 * in text, answerable with a screen reader — required only once a soft limit trips. Past the hard
 * limit even a solved challenge is refused. Counters live in the process: a deployment with
 * several web processes gets per-process limits (documented in docs/requests.md).
 */

export interface Limit {
  /** Submissions allowed in the window without a challenge. */
  soft: number;
  /** Submissions refused in the window even with a solved challenge. */
  hard: number;
  windowMs: number;
}

export const INTAKE_LIMITS: { ip: Limit; applicant: Limit } = {
  ip: { soft: 5, hard: 30, windowMs: 10 * 60_000 },
  applicant: { soft: 3, hard: 20, windowMs: 60 * 60_000 },
};

/** Timestamps of recent hits per key, pruned as they age. */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}

  count(key: string, now: number): number {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list.length;
  }

  hit(key: string, now: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const key of [...this.hits.keys()]) this.count(key, now);
  }
}

/** What the limiter decides for one submission. */
export type Verdict = 'allow' | 'challenge' | 'refuse';

/** Per-address and per-applicant counters with soft and hard limits. */
export class IntakeGuard {
  private readonly ip: SlidingWindow;
  private readonly applicant: SlidingWindow;
  constructor(private readonly limits = INTAKE_LIMITS) {
    this.ip = new SlidingWindow(limits.ip.windowMs);
    this.applicant = new SlidingWindow(limits.applicant.windowMs);
  }

  /** The verdict for the next submission from `ip` by `applicant` (hash, or null). */
  check(ip: string, applicant: string | null, now: number): Verdict {
    const byIp = this.ip.count(ip, now);
    const byApplicant = applicant ? this.applicant.count(applicant, now) : 0;
    if (byIp >= this.limits.ip.hard || byApplicant >= this.limits.applicant.hard) return 'refuse';
    if (byIp >= this.limits.ip.soft || byApplicant >= this.limits.applicant.soft)
      return 'challenge';
    return 'allow';
  }

  /** Counts a submission that was accepted. */
  record(ip: string, applicant: string | null, now: number): void {
    this.ip.hit(ip, now);
    if (applicant) this.applicant.hit(applicant, now);
  }
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A challenge: the question in words and a signed token carrying the answer's MAC. */
export interface Challenge {
  question: string;
  token: string;
}

const sign = (secret: string, payload: string) =>
  crypto.createHmac('sha256', secret).update(`intake-challenge:${payload}`).digest('base64url');

/** A new sum of two small numbers, valid for 30 minutes. */
export function newChallenge(secret: string, now: number): Challenge {
  const a = 1 + crypto.randomInt(9);
  const b = 1 + crypto.randomInt(9);
  const payload = `${now + 30 * 60_000}.${crypto.randomBytes(6).toString('base64url')}`;
  return {
    question: `${CHINESE_DIGITS[a]}加${CHINESE_DIGITS[b]}等于多少？（${a} + ${b} = ?，请用阿拉伯数字填写）`,
    token: `${payload}.${sign(secret, `${payload}.${a + b}`)}`,
  };
}

/** True when `answer` solves the challenge of `token` before it expired. */
export function solvesChallenge(
  secret: string,
  token: string,
  answer: string,
  now: number,
): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^\d{1,3}$/.test(answer.trim())) return false;
  const [exp, nonce, mac] = parts as [string, string, string];
  if (!(Number(exp) > now)) return false;
  const expected = sign(secret, `${exp}.${nonce}.${Number(answer.trim())}`);
  return (
    mac.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))
  );
}
