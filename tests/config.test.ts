import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseConfig, PROJECT_ROOT } from '../src/config.js';

describe('parseConfig', () => {
  it('has working defaults relative to the project', () => {
    const c = parseConfig({}, '/somewhere/else');
    expect(c.seedsDir).toBe(path.join(PROJECT_ROOT, 'seeds'));
    expect(c.embeddingModel).toBe('dateline/glove-100d-sif');
    expect(c.maxSeedBytes).toBe(5 * 1024 * 1024);
    expect(c.answerExcerpts).toBe(3);
  });

  it('resolves given folders against the working directory', () => {
    expect(parseConfig({ SEEDS_DIR: 'mine' }, '/work/x').seedsDir).toBe('/work/x/mine');
  });

  it('names every bad key with its value', () => {
    expect(() => parseConfig({ MAX_SEED_BYTES: 'lots', ANSWER_EXCERPTS: '0', LOG_LEVEL: 'loud' })).toThrow(
      /MAX_SEED_BYTES="lots"[\s\S]*ANSWER_EXCERPTS="0"[\s\S]*LOG_LEVEL="loud"/,
    );
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ ANSWER_EXCERPTS: '' }).answerExcerpts).toBe(3);
  });

  it('is documented key for key in .env.example', () => {
    const example = fs.readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const keys = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(CONFIG_KEYS));
  });
});
