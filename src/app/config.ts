import { z } from 'zod';
import { readEnv } from '../env.js';

/** Units `ANSWER_BUTTONS_TTL` accepts, in milliseconds. */
export const DURATION_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration like `30m`, `24h` or `7d` (1 minute to 365 days), as milliseconds. */
const duration = z.string().transform((value, ctx) => {
  const m = /^(\d+)\s*([mhd])$/i.exec(value);
  const ms = m ? Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase() as keyof typeof DURATION_UNITS] : NaN;
  if (!(ms >= DURATION_UNITS.m && ms <= 365 * DURATION_UNITS.d)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a duration from 1m to 365d, written as a number and m, h or d (e.g. 30m, 24h, 7d)' });
    return z.NEVER;
  }
  return ms;
});

const schema = z.object({
  /** How long the buttons under an answer keep working (`30m`, `24h`, `7d`; 1m–365d). Default `7d`. */
  ANSWER_BUTTONS_TTL: duration.default('7d'),
  /** How long a question stays the context a follow-up of the same person in the same channel leans on (`10m`; 1m–365d). Default `10m`. */
  FOLLOW_UP_WINDOW: duration.default('10m'),
});

/** The app layer's own settings: what every front end with answer buttons (Discord, the terminal chat, `dateline feedback`) shares. */
export interface AppConfig {
  /** Milliseconds the buttons under an answer keep working; answers are kept in the database as long (`ANSWER_BUTTONS_TTL`). */
  buttonsTtlMs: number;
  /** Milliseconds a question can be followed up in the same channel by the same person (`FOLLOW_UP_WINDOW`); in a thread the thread's last question always can. */
  followUpWindowMs: number;
}

/** The keys {@link parseAppConfig} reads. */
export const APP_CONFIG_KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Parses the app's settings from `env`, failing fast like the core's `parseConfig`. */
export function parseAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { values } = readEnv(schema, env);
  return { buttonsTtlMs: values.ANSWER_BUTTONS_TTL, followUpWindowMs: values.FOLLOW_UP_WINDOW };
}
