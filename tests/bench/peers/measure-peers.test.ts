import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPeers } from '../../../bench/peers/format.js';
import { measurePeers } from '../../../bench/peers/measure-peers.js';
import { peerResultSchema, peersFileSchema } from '../../../bench/peers/schema.js';
import { EVAL_FILES } from '../../../src/eval/data-files.js';
import { PROJECT_ROOT } from '../../../src/paths.js';
import { bundledEmbedder, tempDir } from '../../support/fixtures.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

interface Squad {
  articles: { title: string; paragraphs: string[]; qas: { question: string; answers: string[]; is_impossible: boolean; paragraph: number }[] }[];
}

/** The first three paragraphs of the sample's first article and their questions, as a SQuAD file. */
async function tinySquad(dir: string): Promise<{ file: string; answerable: number }> {
  const sample = JSON.parse(await fs.readFile(EVAL_FILES.squadSample, 'utf8')) as Squad;
  const article = sample.articles[0]!;
  const qas = article.qas.filter((qa) => qa.paragraph < 3);
  const file = path.join(dir, 'tiny-squad.json');
  await fs.writeFile(file, JSON.stringify({ articles: [{ ...article, paragraphs: article.paragraphs.slice(0, 3), qas }] }));
  return { file, answerable: qas.filter((qa) => !qa.is_impossible).length };
}

// The one-shot processes run the compiled build (`npm test` compiles first); no timing is asserted.
describe('measurePeers, on three SQuAD paragraphs with one cold run per row', { timeout: 120_000 }, () => {
  it('measures Dateline and both peers in one run, in the documented shape', async () => {
    const work = await tempDir('dateline-peers-test-');
    dirs.push(work);
    const squad = await tinySquad(work);
    const rows = await measurePeers({
      squadFile: squad.file,
      workDir: work,
      env: { ...process.env, LOG_LEVEL: 'info', MODELS_DIR: path.join(PROJECT_ROOT, 'embeddings', 'models') },
      coldRuns: 1,
      embedder: await bundledEmbedder(),
    });
    expect(rows.map((r) => r.name)).toEqual(['dateline', 'minisearch-bm25', 'langchain-hnswlib']);
    for (const r of rows) {
      expect(Object.keys(peerResultSchema.parse(r)).sort()).toEqual(Object.keys(r).sort());
      expect(r.questions).toBe(squad.answerable);
      expect(r.top3).toBeGreaterThanOrEqual(r.top1);
      expect(r.top3).toBeGreaterThan(0);
      expect(r.cold_s).toBeGreaterThan(0);
      expect(r.description).toMatch(/first passage \d+ characters on average/);
    }
    const file = peersFileSchema.parse({
      generated_at: new Date().toISOString(),
      machine: { cpu: 'test', cores: 1, memory_gb: 1, os: 'test', node: process.version, load_average: { start: 0, end: 0 } },
      model: 'dateline/glove-100d-sif',
      cold_question: 'In what country is Normandy located?',
      cold_runs: 1,
      peers: rows,
    });
    const table = formatPeers(file);
    for (const name of ['dateline', 'minisearch-bm25', 'langchain-hnswlib']) expect(table).toContain(name);
  });
});
