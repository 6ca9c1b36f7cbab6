import { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Parses an input with its zod schema at the boundary. Failure is a ValidationError whose
 * `fields` map each path (`contact.phone`, `orgs[2].code`) to the first message for it.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message?: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(zodFieldErrors(result.error), message);
}

/** Flattens zod issues into path → message (first message per path). */
export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = formatPath(issue.path) || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** JSON-path style: orgs[2].contact.phone */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Form text: trimmed; empty becomes undefined so optional fields stay optional. */
export const formText = (label: string, max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ message: `请填写${label}` })
      .min(1, `请填写${label}`)
      .max(max, `${label}不能超过${max}个字`),
  );

/** Optional form text: empty string → null. */
export const optionalFormText = (label: string, max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null)),
    z.string().max(max, `${label}不能超过${max}个字`).nullable(),
  );
