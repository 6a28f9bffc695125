import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CONFIG_KEYS } from '../src/app/config.js';
import { CONFIG_KEYS, parseConfig } from '../src/config.js';
import { DISCORD_CONFIG_KEYS } from '../src/discord/config.js';
import { resolveEfSearch } from '../src/index/hnsw-params.js';
import { PROJECT_ROOT } from '../src/paths.js';

describe('parseConfig', () => {
  it('has working defaults relative to the project', () => {
    const c = parseConfig({}, '/somewhere/else');
    expect(c.seedsDir).toBe(path.join(PROJECT_ROOT, 'seeds'));
    expect(c.embeddingModel).toBe('dateline/glove-100d-sif');
    expect(c.maxSeedBytes).toBe(5 * 1024 * 1024);
    expect(c.answerExcerpts).toBe(3);
    expect(c.dataDir).toBe(path.join(PROJECT_ROOT, 'data'));
  });

  it('resolves given folders against the working directory', () => {
    expect(parseConfig({ SEEDS_DIR: 'mine' }, '/work/x').seedsDir).toBe('/work/x/mine');
  });

  it('names every bad key with its value', () => {
    expect(() => parseConfig({ MAX_SEED_BYTES: 'lots', ANSWER_EXCERPTS: '0', LOG_LEVEL: 'loud' })).toThrow(
      /MAX_SEED_BYTES="lots"[\s\S]*ANSWER_EXCERPTS="0"[\s\S]*LOG_LEVEL="loud"/,
    );
  });

  it('searches the graph with a candidate list that grows with the corpus unless HNSW_EF_SEARCH names one', () => {
    expect(parseConfig({}).hnsw.efSearch).toBe('auto');
    expect(parseConfig({ HNSW_EF_SEARCH: '600' }).hnsw.efSearch).toBe(600);
    expect(() => parseConfig({ HNSW_EF_SEARCH: 'fast' })).toThrow(/HNSW_EF_SEARCH="fast"/);
    expect([31, 40_000, 100_000, 361_725, 10_000_000].map((n) => resolveEfSearch('auto', n))).toEqual([128, 128, 243, 598, 1000]);
    expect(resolveEfSearch(64, 361_725)).toBe(64);
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ ANSWER_EXCERPTS: '' }).answerExcerpts).toBe(3);
  });

  it('is documented key for key in .env.example, with the app’s and the bot’s own keys', () => {
    const example = fs.readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const keys = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set([...CONFIG_KEYS, ...APP_CONFIG_KEYS, ...DISCORD_CONFIG_KEYS]));
  });

  it('reads only the core’s keys: a bad Discord value does not stop the CLI', () => {
    expect(parseConfig({ DISCORD_CLIENT_ID: 'abc', ASK_COOLDOWN: 'lots', SHARD_COUNT: 'many' }).answerExcerpts).toBe(3);
  });

  it('does not follow seed links out of the folder unless SEEDS_FOLLOW_LINKS is true', () => {
    expect(parseConfig({}).seedsFollowLinks).toBe(false);
    expect(parseConfig({ SEEDS_FOLLOW_LINKS: 'true' }).seedsFollowLinks).toBe(true);
    expect(parseConfig({ SEEDS_FOLLOW_LINKS: 'FALSE' }).seedsFollowLinks).toBe(false);
    expect(() => parseConfig({ SEEDS_FOLLOW_LINKS: 'sometimes' })).toThrow('SEEDS_FOLLOW_LINKS="sometimes": must be true or false');
  });
});
