import { describe, expect, it } from 'vitest';
import { DEFER_THRESHOLDS, deferTimerMs, planDeferral } from '../../src/discord/defer-policy.js';
import { deferralPlan } from '../../src/discord/respond.js';

describe('the deferral policy', () => {
  it('runs with documented thresholds: defer at 1.5 s, at once from 1 s old or 200 ms of loop lag', () => {
    expect(DEFER_THRESHOLDS).toEqual({ deferAfterMs: 1500, oldAtMs: 1000, laggingAtMs: 200 });
    expect(Object.isFrozen(DEFER_THRESHOLDS)).toBe(true);
  });

  it('gives a fresh interaction on an idle loop a timer up to 1.5 s after its creation', () => {
    expect(planDeferral({ ageMs: 0, loopLagMs: 0 })).toEqual({ inMs: 1500, reason: 'timer' });
    expect(planDeferral({ ageMs: 40, loopLagMs: 3 })).toEqual({ inMs: 1460, reason: 'timer' });
    expect(planDeferral({ ageMs: 999, loopLagMs: 199 })).toEqual({ inMs: 501, reason: 'timer' });
  });

  it('defers at once an interaction that arrived 1 s old or older', () => {
    expect(planDeferral({ ageMs: 1000, loopLagMs: 0 })).toEqual({ inMs: 0, reason: 'old' });
    expect(planDeferral({ ageMs: 1200, loopLagMs: 0 })).toEqual({ inMs: 0, reason: 'old' });
    // The probe's case: handled 2.1 s after creation (past the timer as well).
    expect(planDeferral({ ageMs: 2100, loopLagMs: 0 })).toEqual({ inMs: 0, reason: 'due' });
    expect(planDeferral({ ageMs: 5000, loopLagMs: 900 })).toEqual({ inMs: 0, reason: 'due' });
  });

  it('defers at once, however fresh, while the event loop lags 200 ms or more', () => {
    expect(planDeferral({ ageMs: 0, loopLagMs: 200 })).toEqual({ inMs: 0, reason: 'lagging' });
    expect(planDeferral({ ageMs: 10, loopLagMs: 2000 })).toEqual({ inMs: 0, reason: 'lagging' });
  });

  it('never stretches the timer past deferAfterMs when the local clock is behind Discord', () => {
    expect(planDeferral({ ageMs: -4000, loopLagMs: 0 })).toEqual({ inMs: 1500, reason: 'timer' });
    expect(deferTimerMs(-4000, 1500)).toBe(1500);
    expect(deferTimerMs(1499, 1500)).toBe(1);
    expect(deferTimerMs(1500, 1500)).toBe(0);
  });

  it('takes other thresholds: deferAfterMs 0 always defers at once, a short timer is due before the age threshold', () => {
    const t = (deferAfterMs: number) => ({ ...DEFER_THRESHOLDS, deferAfterMs });
    expect(planDeferral({ ageMs: 0, loopLagMs: 0 }, t(0))).toEqual({ inMs: 0, reason: 'due' });
    expect(planDeferral({ ageMs: 50, loopLagMs: 0 }, t(200))).toEqual({ inMs: 150, reason: 'timer' });
    expect(planDeferral({ ageMs: 300, loopLagMs: 0 }, t(200))).toEqual({ inMs: 0, reason: 'due' });
  });

  it('is applied to an interaction by its snowflake timestamp', () => {
    const now = 1_800_000_000_000;
    expect(deferralPlan({ createdTimestamp: now - 100 }, 1500, now, 0)).toEqual({ inMs: 1400, reason: 'timer' });
    expect(deferralPlan({ createdTimestamp: now - 1100 }, 1500, now, 0)).toEqual({ inMs: 0, reason: 'old' });
    expect(deferralPlan({ createdTimestamp: now - 100 }, 1500, now, 250)).toEqual({ inMs: 0, reason: 'lagging' });
  });
});
