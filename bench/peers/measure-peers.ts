import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseConfig } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { loadSquadSet } from '../../src/eval/datasets.js';
import { percentile } from '../percentiles.js';
import type { Contestant } from './contestant.js';
import { datelineContestant } from './dateline-contestant.js';
import type { Judgement } from './judge.js';
import { langchainPeer } from './langchain-peer.js';
import { minisearchPeer } from './minisearch-peer.js';
import { measureOneShots } from './one-shot.js';
import { peerResultSchema, type PeerResult } from './schema.js';
import { measureWarm, type Warm } from './warm.js';

/** The question every cold process answers: the first of the SQuAD sample (answer: France). */
export const PEERS_COLD_QUESTION = 'In what country is Normandy located?';

/** Options of {@link measurePeers}. */
export interface MeasurePeersOptions {
  /** The SQuAD judging sample (`EVAL_FILES.squadSample`): its articles are the stories, its questions the workload. */
  squadFile: string;
  /** Scratch folder for the stores; the caller removes it. */
  workDir: string;
  /** Environment of the harness and of the processes it starts (EMBEDDING_MODEL, MODELS_DIR, HNSW_* …). */
  env: NodeJS.ProcessEnv;
  /** Fresh processes per row for `cold_s` (after one untimed run each). */
  coldRuns: number;
  /** The model, when the caller has it loaded already (the main bench does); else it is loaded from `env`'s settings. */
  embedder?: Embedder;
  /** The question of the cold runs. Default {@link PEERS_COLD_QUESTION}. */
  coldQuestion?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** The row's description with what the run measured about its passages. */
function describe(c: Contestant, j: Judgement): string {
  const declined = c.name === 'dateline' ? `; declined ${j.declined} of the ${j.questions} answerable questions (counted as misses)` : '';
  return `${c.description}. Measured: first passage ${j.meanTop1Chars} characters on average${declined}`;
}

/**
 * Dateline and its peers (MiniSearch BM25 over sentences, LangChain's
 * HNSWLib store over 500-character chunks with the same embedding model),
 * measured in one run on the SQuAD sample: each builds its store from the
 * sample's articles, answers every question warm in process, and is judged
 * by the eval's rule; then each answers {@link PEERS_COLD_QUESTION} from
 * its saved store as a fresh process. Rows: `dateline`, `minisearch-bm25`,
 * `langchain-hnswlib`, validated by {@link peerResultSchema}.
 */
export async function measurePeers(options: MeasurePeersOptions): Promise<PeerResult[]> {
  const log = options.log ?? (() => {});
  const config = parseConfig(options.env);
  const model = { modelId: config.embeddingModel, modelsDir: config.modelsDir };
  const embedder = options.embedder ?? (await loadTransformersEmbedder(model));
  const set = await loadSquadSet(options.squadFile);
  try {
    const questions = [...set.answerable, ...set.unanswerable];
    const store = (name: string) => path.join(options.workDir, `peer-${name}`);
    const contestants = [
      datelineContestant(store('dateline'), embedder, options.env),
      minisearchPeer(store('minisearch'), options.env),
      langchainPeer(store('langchain'), embedder, model, options.env),
    ];
    const warm = new Map<string, Warm>();
    for (const c of contestants) {
      log(`${c.name}: building, then ${questions.length} SQuAD questions warm (one pass untimed, one timed)`);
      warm.set(c.name, await measureWarm(c, set.seedsDir, questions));
    }
    const coldQuestion = options.coldQuestion ?? PEERS_COLD_QUESTION;
    log(`cold one-shot: ${options.coldRuns} fresh processes per row, interleaved`);
    const cold = measureOneShots(contestants, coldQuestion, options.coldRuns);
    const round = (x: number, digits: number) => Number(x.toFixed(digits));
    const rows = contestants.map((c) => {
      const w = warm.get(c.name)!;
      return {
        name: c.name,
        description: describe(c, w.judgement),
        questions: w.judgement.questions,
        top1: w.judgement.top1,
        top3: w.judgement.top3,
        p50_ms: round(percentile(w.timesMs, 50), 3),
        p95_ms: round(percentile(w.timesMs, 95), 3),
        build_s: round(w.buildS, 3),
        cold_s: cold.get(c.name)!,
      };
    });
    return z.array(peerResultSchema).parse(rows);
  } finally {
    await fs.rm(set.seedsDir, { recursive: true, force: true });
  }
}
