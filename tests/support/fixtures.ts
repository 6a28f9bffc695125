import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { EVAL_FILES } from '../../src/eval/data-files.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export const SEED_FILE = path.join(PROJECT_ROOT, 'seeds', '2014-03-30-kerry-lavrov-paris.txt');
export const DEV_QUESTIONS = EVAL_FILES.storyDev;

/** The seed story's seven photo credits, in caption order. */
export const SEED_CAPTION_CREDITS = [
  'REUTERS/Shamil Zhumatov',
  'REUTERS/Stringer',
  'REUTERS/Yannis Behrakis',
  'REUTERS/Stringer',
  'REUTERS/Stringer',
  'REUTERS/Jacquelyn Martin/Pool',
  'REUTERS/Jacquelyn Martin/Pool',
] as const;

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix = 'dateline-test-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A temporary seeds folder holding the seed story (and `extra` files by name). */
export async function seedsFolder(extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await tempDir('dateline-seeds-');
  await fs.copyFile(SEED_FILE, path.join(dir, path.basename(SEED_FILE)));
  for (const [name, data] of Object.entries(extra)) await fs.writeFile(path.join(dir, name), data);
  return dir;
}

/** A config pointing at temporary seeds and index folders, with the bundled model. */
export async function testConfig(seedsDir?: string, overrides: Record<string, string> = {}): Promise<Config> {
  return parseConfig({
    SEEDS_DIR: seedsDir ?? (await seedsFolder()),
    INDEX_DIR: await tempDir('dateline-index-'),
    DATA_DIR: await tempDir('dateline-data-'),
    MODELS_DIR: path.join(PROJECT_ROOT, 'embeddings', 'models'),
    ...overrides,
  });
}

let bundled: Promise<Embedder> | undefined;

/** The bundled offline model, loaded once per test file. */
export function bundledEmbedder(): Promise<Embedder> {
  bundled ??= loadTransformersEmbedder({ modelId: 'dateline/glove-100d-sif', modelsDir: path.join(PROJECT_ROOT, 'embeddings', 'models') });
  return bundled;
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger(): { logger: Logger; lines: () => { level: number; msg: string }[] } {
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => raw.push(line) });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as { level: number; msg: string }) };
}

/** The story text, read once. */
export async function seedText(): Promise<string> {
  return fs.readFile(SEED_FILE, 'utf8');
}

/** A second, short story (written for the tests) with one photo caption, for many-story features. */
export const SECOND_STORY = {
  id: '2019-07-14-portugal-storm',
  title: "Storm keeps Portugal's fishing fleet in port",
  text: [
    ' date 2019-07-14 Fishing boats sit idle in the harbour of Peniche, Portugal, July 13, 2019. REUTERS/Test Photographer',
    '',
    "LISBON Portugal's fishing fleet stayed in port on Sunday as a summer storm closed the Atlantic coast to small boats for a third day.",
    '',
    'The harbour master in Peniche said waves of up to seven metres were expected until Tuesday.',
    '',
    "Fishermen's associations asked the government for emergency aid to cover lost catches.",
    '',
  ].join('\n'),
} as const;

/** A seeds folder with the seed story and {@link SECOND_STORY} (with a sidecar giving its title). */
export function twoStoriesFolder(): Promise<string> {
  return seedsFolder({
    [`${SECOND_STORY.id}.txt`]: SECOND_STORY.text,
    [`${SECOND_STORY.id}.json`]: JSON.stringify({ title: SECOND_STORY.title, source: 'Test desk' }),
  });
}
