/**
 * `npm run fit:confidence`: fits the confidence model (src/answer/confidence.ts)
 * on questions the judging sets never see — the eight SQuAD training articles
 * (eval/data/squad2-train-split.json) as typed and as a seeded noisy copy, and
 * the team's own story questions (eval/data/story-more-questions.json) — and
 * writes src/answer/confidence-model.ts. Logistic regression (standardised
 * features, L2, gradient descent); the soft-coverage floor and thresholds are
 * chosen on the same data (see {@link calibrate}).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assess, prepareQuery } from '../src/answer/answer.js';
import { CONFIDENCE_MODEL } from '../src/answer/confidence-model.js';
import { decide, probability, type ConfidenceModel } from '../src/answer/confidence.js';
import { FEATURE_NAMES, type EvidenceFeatures } from '../src/answer/evidence.js';
import { cleanQuestion } from '../src/answer/question.js';
import { parseConfig } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.js';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { loadSquadSet, loadStorySet, type EvalSet } from '../src/eval/datasets.js';
import { noisySet } from '../src/eval/noise.js';
import { IndexService } from '../src/index/index-service.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';

/** Largest share of answerable training questions the fitted rule may decline. */
const MAX_DECLINED = 0.015;
/** Share of answerable training questions answered with high confidence. */
const HIGH_SHARE = 0.75;
/** Seed of the noisy copy. */
const NOISE_SEED = 7;

interface Example {
  features: EvidenceFeatures;
  answerable: boolean;
  /** How much the example counts: the team's story questions count {@link STORY_WEIGHT} times, so a 40-question set is heard beside 3,000. */
  weight: number;
}

/** Weight of a story question against a SQuAD one. */
const STORY_WEIGHT = 10;

/** Every question of `set`, as typed and as a seeded noisy copy, with the features of its best passage; one index per set. */
async function examples(set: EvalSet, embedder: Embedder, weight = 1): Promise<Example[]> {
  const logger = createLogger({ level: 'warn' });
  const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-fit-'));
  try {
    const index = await new IndexService({ config: { ...base, seedsDir: set.seedsDir, indexDir }, embedder, logger }).open();
    const out: Example[] = [];
    for (const asked of [set, noisySet(set, NOISE_SEED)]) {
      for (const q of [...asked.answerable, ...asked.unanswerable]) {
        const a = assess(index, await prepareQuery(index, embedder, cleanQuestion(q.q)), {}, embedder.words);
        if (a.features) out.push({ features: a.features, answerable: q.answers.length > 0, weight });
      }
    }
    return out;
  } finally {
    await fs.rm(indexDir, { recursive: true, force: true });
  }
}

function fit(data: Example[]): Pick<ConfidenceModel, 'mean' | 'scale' | 'weights' | 'bias'> {
  const x = data.map((d) => FEATURE_NAMES.map((f) => d.features[f]));
  const y = data.map((d) => (d.answerable ? 1 : 0));
  const weights = data.map((d) => d.weight);
  const totalWeight = weights.reduce((s, v) => s + v, 0);
  const n = x.length;
  const dims = FEATURE_NAMES.length;
  const mean = Array.from({ length: dims }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  const scale = Array.from({ length: dims }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const w = new Array<number>(dims).fill(0);
  let b = 0;
  const l2 = 1e-2;
  for (let epoch = 0; epoch < 2000; epoch++) {
    const gw = new Array<number>(dims).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(b + z[i]!.reduce((s, v, j) => s + v * w[j]!, 0))));
      const e = (p - y[i]!) * weights[i]!;
      gb += e;
      for (let j = 0; j < dims; j++) gw[j]! += e * z[i]![j]!;
    }
    for (let j = 0; j < dims; j++) w[j]! -= 0.5 * (gw[j]! / totalWeight + l2 * w[j]!);
    b -= 0.5 * (gb / totalWeight);
  }
  const round = (v: number) => Number(v.toFixed(4));
  return { mean: mean.map(round), scale: scale.map(round), weights: w.map(round), bias: round(b) };
}

/** The lowest probability among the top `share` of `values`. */
function quantileFromTop(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/**
 * The decline rule's two free numbers, on the fitting data: the soft-coverage
 * floor and the probability threshold that together decline the most
 * unanswerable questions while declining at most {@link MAX_DECLINED} of the
 * answerable ones; and the `high` threshold, reached by the top
 * {@link HIGH_SHARE} of the answerable ones.
 */
function calibrate(model: ConfidenceModel, data: Example[]): Pick<ConfidenceModel, 'thresholds' | 'softFloor'> {
  const answerable = data.filter((d) => d.answerable);
  const unanswerable = data.filter((d) => !d.answerable);
  const high = Number(quantileFromTop(answerable.map((d) => probability(d.features, model)), HIGH_SHARE).toFixed(4));
  const share = (list: Example[], m: ConfidenceModel) => list.filter((d) => decide(d.features, m) === 'declined').length / list.length;
  let best = { thresholds: { decline: 0, high }, softFloor: 0, declined: -1 };
  for (let floor = 0; floor <= 0.7001; floor += 0.02) {
    for (let t = 0; t < high; t += 0.01) {
      const m = { ...model, softFloor: Number(floor.toFixed(2)), thresholds: { decline: Number(t.toFixed(2)), high } };
      if (share(answerable, m) > MAX_DECLINED) break;
      const declined = share(unanswerable, m);
      if (declined > best.declined) best = { thresholds: m.thresholds, softFloor: m.softFloor, declined };
    }
  }
  if (best.declined < 0) throw new Error(`No soft floor and threshold decline at most ${MAX_DECLINED} of the answerable questions: the rules alone decline more.`);
  return { thresholds: best.thresholds, softFloor: best.softFloor };
}

function report(label: string, model: ConfidenceModel, data: Example[]): string {
  const count = (answerable: boolean, outcome: string) => data.filter((d) => d.answerable === answerable && decide(d.features, model) === outcome).length;
  const a = data.filter((d) => d.answerable).length;
  const u = data.length - a;
  const pct = (k: number, d: number) => `${((100 * k) / Math.max(1, d)).toFixed(1)}%`;
  return `${label}: answerable ${a} (high ${pct(count(true, 'high'), a)}, not sure ${pct(count(true, 'low'), a)}, declined ${pct(count(true, 'declined'), a)}); unanswerable ${u} (high ${pct(count(false, 'high'), u)}, declined ${pct(count(false, 'declined'), u)})`;
}

const squad = await loadSquadSet(EVAL_FILES.squadTrain, 'squad-train');
const story = await loadStorySet(EVAL_FILES.storyMore, path.join(PROJECT_ROOT, 'seeds'), 'story-more');
const base = parseConfig({});
const embedder = await loadTransformersEmbedder({ modelId: base.embeddingModel, modelsDir: base.modelsDir });
const data = [...(await examples(squad, embedder)), ...(await examples(story, embedder, STORY_WEIGHT))];
const fitted = fit(data);
const draft: ConfidenceModel = {
  ...CONFIDENCE_MODEL,
  ...fitted,
  version: CONFIDENCE_MODEL.version + 1,
  fittedOn: 'eval/data/squad2-train-split.json and eval/data/story-more-questions.json, each as typed and with seeded noise',
  features: [...FEATURE_NAMES],
};
const model: ConfidenceModel = { ...draft, ...calibrate(draft, data) };
process.stdout.write(`${report('fitting data', model, data)}\n`);
process.stdout.write(`weights: ${FEATURE_NAMES.map((f, i) => `${f} ${model.weights[i]}`).join(', ')}; bias ${model.bias}; thresholds ${JSON.stringify(model.thresholds)}; soft floor ${model.softFloor}\n`);
const file = path.join(PROJECT_ROOT, 'src', 'answer', 'confidence-model.ts');
await fs.writeFile(
  file,
  `import type { ConfidenceModel } from './confidence.js';

/**
 * The fitted confidence model. Generated by \`npm run fit:confidence\`
 * (scripts/fit-confidence.ts); do not edit by hand. Weights apply to
 * standardised features ((x - mean) / scale), in the order of \`features\`.
 */
export const CONFIDENCE_MODEL: ConfidenceModel = ${JSON.stringify(model, null, 2).replace(/"(\w+)":/g, '$1:').replace(/"/g, "'")};
`,
);
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
