import { z } from 'zod';
import { ErrorId, UserFacingError } from './errors.js';

/**
 * Reading settings from the environment, for each owner's config (the core's
 * `config.ts`, the app's `app/config.ts`, the bot's `discord/config.ts`):
 * one parse that fails fast with every bad key, and the value types they share.
 */

/** A whole number from `min` to `max`, written as text. */
export const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `true` or `false` (also `1`/`0`, `yes`/`no`, `on`/`off`, any case). */
export const booleanSetting = z.string().transform((value, ctx) => {
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be true or false' });
  return z.NEVER;
});

/**
 * Reads `schema`'s keys from `env`. Empty strings count as unset, so `KEY=` in
 * `.env` means "use the default". Fails fast with one {@link UserFacingError}
 * (`BadConfig`) naming every bad key, its value and what is accepted. `given`
 * holds the keys that were set.
 */
export function readEnv<S extends z.ZodRawShape>(schema: z.ZodObject<S>, env: NodeJS.ProcessEnv): { values: z.output<z.ZodObject<S>>; given: ReadonlySet<string> } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key}=${JSON.stringify(raw[key] ?? '')}: ${issue.message}`;
    });
    throw new UserFacingError(
      ErrorId.BadConfig,
      `Bad configuration (fix these in the environment or .env; .env.example lists every key):\n  ${problems.join('\n  ')}`,
    );
  }
  return { values: parsed.data, given: new Set(Object.keys(raw)) };
}
