import { ConfigError, loadConfig } from '../platform/config.js';
import { createContext } from '../platform/bootstrap.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ValidationError } from '../platform/errors.js';

/** Where a command writes; tests pass collectors instead of the process streams. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Environment used for configuration (process.env in real use). */
  env: Record<string, string | undefined>;
  /** Reads all of standard input (for FILE = '-'). */
  readStdin(): Promise<string>;
}

/** A command: takes its arguments (after the command words) and returns the exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Usage problems: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** Runs `fn` with a migrated context, closing the database afterwards. */
export async function withContext<T>(io: CliIO, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig(io.env));
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

/** Prints an error the way every command does, and returns its exit code. */
export function reportError(io: CliIO, err: unknown): number {
  if (err instanceof UsageError) {
    io.stderr(`${err.message}\n`);
    return 2;
  }
  if (err instanceof ConfigError) {
    io.stderr(`${err.message}\n`);
    return 1;
  }
  if (err instanceof ValidationError) {
    io.stderr(`错误 ${err.code}: ${err.message}\n`);
    for (const [field, message] of Object.entries(err.fields))
      io.stderr(`  ${field}: ${message}\n`);
    return 1;
  }
  if (err instanceof AppError) {
    io.stderr(`错误 ${err.code}: ${err.message}\n`);
    return 1;
  }
  io.stderr(`错误: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/** Splits `--name value` / `--flag` options from positional arguments. */
export function parseOptions(
  args: string[],
  spec: Record<string, 'string' | 'boolean'>,
): { positional: string[]; options: Record<string, string | boolean> } {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--') && a.length > 2) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const kind = spec[name];
      if (!kind) throw new UsageError(`未知选项 --${name}`);
      if (kind === 'boolean') options[name] = true;
      else {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`选项 --${name} 需要一个值`);
        options[name] = value;
      }
    } else positional.push(a);
  }
  return { positional, options };
}
