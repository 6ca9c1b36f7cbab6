import { prepared } from '../platform/db/prepared.js';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { UsersTable } from '../platform/db/schema.js';

/** All SQL of the accounts domain. Functions take the db or a transaction first, return rows. */

export type UserRow = Selectable<UsersTable>;
export type GrantRow = { org_id: number | null; role: string };

export function findUserById(db: Conn, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Conn, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsers(db: Conn): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function insertUser(db: Conn, values: Insertable<UsersTable>): Promise<number> {
  const row = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Conn,
  id: number,
  values: Updateable<UsersTable>,
): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

/** Records `step` as the user's last TOTP step unless it (or a later one) was used already. */
export async function claimTotpStep(db: Conn, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function grantsOf(db: Conn, userId: number): Promise<GrantRow[]> {
  return db
    .selectFrom('user_roles')
    .select(['org_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('org_id')
    .orderBy('role')
    .execute();
}

/** Every grant of the given users (for the user list). */
export function grantsOfUsers(
  db: Conn,
  userIds: number[],
): Promise<Array<GrantRow & { user_id: number }>> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_roles')
    .select(['user_id', 'org_id', 'role'])
    .where('user_id', 'in', userIds)
    .execute();
}

export async function replaceGrants(
  db: Conn,
  userId: number,
  grants: Array<{ orgId: number; role: string }>,
): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(grants.map((g) => ({ user_id: userId, org_id: g.orgId, role: g.role })))
    .execute();
}

/** Id, code, name and parent of every org (the tree is small; policies walk it in memory). */
export function listOrgs(
  db: Conn,
): Promise<Array<{ id: number; code: string; name: string; parent_id: number | null }>> {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'parent_id'])
    .orderBy('code')
    .execute();
}

// Sessions

export async function insertSession(
  db: Conn,
  s: {
    id: string;
    userId: number;
    secondFactor: boolean;
    now: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      second_factor: s.secondFactor ? 1 : 0,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export function findSession(db: Conn, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A session with its user and the user's grants, in one statement (every signed-in request
 * reads them: one round trip instead of three). Null when there is no such session or its user
 * is gone.
 */
export async function findSessionWithUser(
  db: Conn,
  id: string,
): Promise<{
  session: { second_factor: number; expires_at: string; last_seen_at: string };
  user: UserRow;
  grants: GrantRow[];
} | null> {
  const rows = await db
    .selectFrom('sessions as s')
    .modifyFront(prepared())
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_roles as r', 'r.user_id', 'u.id')
    .selectAll('u')
    .select([
      's.second_factor as s_second_factor',
      's.expires_at as s_expires_at',
      's.last_seen_at as s_last_seen_at',
      'r.org_id as r_org_id',
      'r.role as r_role',
    ])
    .where('s.id', '=', id)
    .orderBy('r.org_id')
    .orderBy('r.role')
    .execute();
  const first = rows[0];
  if (!first) return null;
  const {
    s_second_factor,
    s_expires_at,
    s_last_seen_at,
    r_org_id: _o,
    r_role: _r,
    ...user
  } = first;
  return {
    session: {
      second_factor: Number(s_second_factor),
      expires_at: s_expires_at,
      last_seen_at: s_last_seen_at,
    },
    user: user as UserRow,
    grants: rows.flatMap((r) =>
      r.r_role === null ? [] : [{ org_id: r.r_org_id, role: r.r_role } as GrantRow],
    ),
  };
}

export async function touchSession(
  db: Conn,
  id: string,
  now: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Conn, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user; returns how many there were. */
export async function deleteUserSessions(db: Conn, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes every session of a user except one (after a password change). */
export async function deleteOtherSessions(db: Conn, userId: number, keepId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

export async function deleteExpiredSessions(db: Conn, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

// Sign-in bookkeeping

export async function recordLoginAttempt(
  db: Conn,
  a: { username: string; ip: string | null; at: string; success: boolean },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({ username: a.username.slice(0, 100), ip: a.ip, at: a.at, success: a.success ? 1 : 0 })
    .execute();
}

// Recovery codes

export async function replaceRecoveryCodes(
  db: Conn,
  userId: number,
  hashes: string[],
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((h) => ({ user_id: userId, code_hash: h, used_at: null })))
    .execute();
}

/** Marks an unused recovery code as used; true when one matched (single use, race-safe). */
export async function useRecoveryCode(
  db: Conn,
  userId: number,
  hash: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Conn, userId: number): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
