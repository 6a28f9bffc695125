import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../src/app/config.js';

describe('parseAppConfig', () => {
  it('keeps answer buttons working for 7 days by default', () => {
    expect(parseAppConfig({}).buttonsTtlMs).toBe(7 * 86_400_000);
  });

  it.each([
    ['30m', 30 * 60_000],
    ['24h', 24 * 3_600_000],
    ['2D', 2 * 86_400_000],
  ])('reads ANSWER_BUTTONS_TTL=%s', (value, ms) => {
    expect(parseAppConfig({ ANSWER_BUTTONS_TTL: value }).buttonsTtlMs).toBe(ms);
  });

  it('names a bad ANSWER_BUTTONS_TTL and the form it takes', () => {
    for (const bad of ['0m', '7', '400d', 'week']) {
      expect(() => parseAppConfig({ ANSWER_BUTTONS_TTL: bad })).toThrow(`ANSWER_BUTTONS_TTL="${bad}": must be a duration from 1m to 365d`);
    }
  });
});
