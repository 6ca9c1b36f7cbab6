import { systemActor, type Role } from '../platform/authz.js';
import { ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { createUser, orgIdsByCode } from '../accounts/accounts.service.js';
import { cliUserSchema } from '../accounts/accounts.schema.js';
import { isRole } from '../accounts/accounts.model.js';
import { UsageError, parseOptions, withContext, type CliIO, type Command } from './io.js';

const USAGE = `用法: gongkai user create --username U --name 姓名 [--email E] [--platform-admin]
                          [--role ROLE --org 单位代码]... [--password P]
  --role/--org 成对出现，可重复；ROLE 为 org_admin、case_worker、editor、reviewer、approver、supervisor。
  未给出 --password 时生成随机密码并只显示一次。`;

const SINGLE = {
  username: 'string',
  name: 'string',
  email: 'string',
  password: 'string',
  'platform-admin': 'boolean',
} as const;

/** Splits the repeated --role/--org pairs from the other options (parseOptions takes single values). */
function takePairs(args: string[]): {
  rest: string[];
  pairs: Array<{ role: string; org: string }>;
} {
  const rest: string[] = [];
  const roles: string[] = [];
  const orgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const m = /^--(role|org)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`选项 --${m[1]} 需要一个值\n\n${USAGE}`);
    (m[1] === 'role' ? roles : orgs).push(value);
  }
  if (roles.length !== orgs.length)
    throw new UsageError(`--role 与 --org 必须成对出现\n\n${USAGE}`);
  return { rest, pairs: roles.map((role, i) => ({ role, org: orgs[i] ?? '' })) };
}

async function create(args: string[], io: CliIO): Promise<number> {
  const { rest, pairs } = takePairs(args);
  const { positional, options } = parseOptions(rest, SINGLE);
  if (positional.length > 0)
    throw new UsageError(`多余的参数: ${positional.join(' ')}\n\n${USAGE}`);
  const input = parseInput(cliUserSchema, {
    username: options.username,
    name: options.name,
    email: options.email,
    password: options.password,
  });
  for (const p of pairs) {
    if (!isRole(p.role)) throw new ValidationError({ role: `未知角色 ${p.role}` });
  }
  return withContext(io, async (ctx) => {
    const grant: Array<{ orgId: number; role: Role }> = [];
    const ids = await orgIdsByCode(
      ctx,
      pairs.map((p) => p.org),
    );
    for (const p of pairs) {
      const orgId = ids.get(p.org);
      if (orgId === undefined) throw new ValidationError({ org: `单位代码 ${p.org} 不存在` });
      grant.push({ orgId, role: p.role as Role });
    }
    const created = await createUser(ctx, systemActor('cli'), {
      username: input.username,
      display_name: input.name,
      email: input.email,
      platform_admin: options['platform-admin'] === true,
      grant,
      password: input.password,
    });
    io.stdout(`已创建用户 ${input.username}（编号 ${created.id}）。\n`);
    if (created.generated) io.stdout(`初始密码（只显示这一次）：${created.password}\n`);
    io.stdout('首次登录时需设置双因素认证。\n');
    return 0;
  });
}

/** `gongkai user create …`: creates a staff account from the command line. */
export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === 'create') return create(rest, io);
  if (sub === '--help' || sub === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  throw new UsageError(USAGE);
};
