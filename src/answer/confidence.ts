import { FEATURE_NAMES, type EvidenceFeatures } from './evidence.js';

/** How sure an answer is: `high` quotes as an answer, `low` shows the closest passages as "not sure", `declined` says the story doesn't say. */
export type Outcome = 'high' | 'low' | 'declined';

/**
 * A logistic model over {@link EvidenceFeatures}, fitted by
 * `npm run fit:confidence` (scripts/fit-confidence.ts) on the SQuAD training
 * articles and the team's story questions, each as typed and with seeded
 * noise — never on the judging sets.
 */
export interface ConfidenceModel {
  /** Bumped on every refit, so answers and reports can say which fit decided them. */
  version: number;
  /** What it was fitted on. */
  fittedOn: string;
  features: readonly string[];
  /** Per-feature mean and scale the weights apply to. */
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  /**
   * `decline`: below this probability, and with some part of the question
   * uncovered (see {@link decide}), the story doesn't say. `high`: at or
   * above it, a confident answer. In between: not sure.
   */
  thresholds: { decline: number; high: number };
  /** Soft coverage of the paragraph below which nothing covers the question, even loosely. */
  softFloor: number;
}

/** The probability that the best passage answers the question. */
export function probability(f: EvidenceFeatures, model: ConfidenceModel): number {
  let z = model.bias;
  FEATURE_NAMES.forEach((name, i) => {
    z += model.weights[i]! * ((f[name] - model.mean[i]!) / model.scale[i]!);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * Whether some part of the question is concretely missing from the best
 * passage: a key word (name, number, rare word) of the question in neither
 * the paragraph nor around the best sentence, the asked-for kind of fact
 * (a date, number, duration, place, person) nowhere around it, or a
 * negation the passage does not make.
 */
export function hasGap(f: EvidenceFeatures): boolean {
  return f.missingKey > 0 || f.missingKeyNear > 0 || f.typeMissingNear > 0 || f.negationMismatch > 0;
}

/**
 * The three-way decision. "The story doesn't say" when a name of the
 * question occurs in no story, when nothing covers the question even softly
 * (soft coverage under `softFloor`), when it asks for a quantity (how many,
 * how long) and the best paragraph holds none, when the answer is not confident and
 * the asked-for kind of fact (a number for "how many", a date for "when")
 * is nowhere in the best paragraph, or when the probability is low and a
 * part of the question is missing ({@link hasGap}). Otherwise a confident
 * answer at or above the `high` threshold, and "not sure" below it.
 */
export function decide(f: EvidenceFeatures, model: ConfidenceModel): Outcome {
  if (f.unknownName > 0 || f.softUnit < model.softFloor || f.quantityMissing > 0) return 'declined';
  const p = probability(f, model);
  if (p < model.thresholds.high && f.typeMissing > 0 && f.typeMissingNear > 0) return 'declined';
  if (p < model.thresholds.decline && hasGap(f)) return 'declined';
  return p >= model.thresholds.high ? 'high' : 'low';
}
