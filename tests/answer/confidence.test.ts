import { describe, expect, it } from 'vitest';
import { CONFIDENCE_MODEL } from '../../src/answer/confidence-model.js';
import { decide, hasGap, probability, type ConfidenceModel } from '../../src/answer/confidence.js';
import { FEATURE_NAMES, type EvidenceFeatures } from '../../src/answer/evidence.js';

/** A passage that holds everything the question asks. */
const covered: EvidenceFeatures = {
  score: 1.1, margin: 0.3, dense: 0.8, coverage: 1, rareCoverage: 1, softUnit: 1, softSentence: 1, missingKey: 0, unknownName: 0,
  typeMissing: 0, minMatch: 1, weakWords: 0, missingKeyNear: 0, coverageNear: 1, weakWordsNear: 0, negationMismatch: 0, typeMissingNear: 0, missingName: 0, quantityMissing: 0,
};

/** A readable model: probability rises with coverage only; decline under 0.3, sure from 0.7. */
const toy: ConfidenceModel = {
  ...CONFIDENCE_MODEL,
  mean: FEATURE_NAMES.map(() => 0),
  scale: FEATURE_NAMES.map(() => 1),
  weights: FEATURE_NAMES.map((f) => (f === 'coverage' ? 4 : 0)),
  bias: -2,
  thresholds: { decline: 0.3, high: 0.7 },
  softFloor: 0.3,
};

describe('the three-way decision', () => {
  it('is sure of a passage that covers the question', () => {
    expect(probability(covered, toy)).toBeCloseTo(0.881, 3);
    expect(decide(covered, toy)).toBe('high');
  });

  it('is not sure, rather than declining, when the probability is low but nothing is concretely missing', () => {
    const f = { ...covered, coverage: 0.2 };
    expect(hasGap(f)).toBe(false);
    expect(decide(f, toy)).toBe('low');
  });

  it('declines a low-probability answer that misses a key word, a negation or the asked-for fact nearby', () => {
    for (const gap of [{ missingKey: 1 }, { missingKeyNear: 1 }, { negationMismatch: 1 }, { typeMissingNear: 1 }]) {
      expect(decide({ ...covered, coverage: 0.2, ...gap }, toy)).toBe('declined');
      expect(decide({ ...covered, ...gap }, toy)).toBe('high');
    }
  });

  it('always declines a name no story mentions, or a question nothing covers even softly', () => {
    expect(decide({ ...covered, unknownName: 1 }, toy)).toBe('declined');
    expect(decide({ ...covered, softUnit: 0.2 }, toy)).toBe('declined');
  });

  it('declines an unsure answer whose paragraph has no fact of the asked-for kind at all', () => {
    expect(decide({ ...covered, coverage: 0.5, typeMissing: 1, typeMissingNear: 1 }, toy)).toBe('declined');
    expect(decide({ ...covered, typeMissing: 1, typeMissingNear: 1 }, toy)).toBe('high');
  });

  it('ships a fitted model whose weights match its feature list', () => {
    expect(CONFIDENCE_MODEL.features).toEqual(FEATURE_NAMES);
    for (const list of [CONFIDENCE_MODEL.mean, CONFIDENCE_MODEL.scale, CONFIDENCE_MODEL.weights]) expect(list).toHaveLength(FEATURE_NAMES.length);
    expect(CONFIDENCE_MODEL.version).toBeGreaterThan(0);
    expect(CONFIDENCE_MODEL.thresholds.decline).toBeLessThan(CONFIDENCE_MODEL.thresholds.high);
  });
});
