import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseConfig } from '../src/config.js';
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

  it('treats an empty value as unset', () => {
    expect(parseConfig({ ANSWER_EXCERPTS: '' }).answerExcerpts).toBe(3);
  });

  it('is documented key for key in .env.example', () => {
    const example = fs.readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const keys = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(CONFIG_KEYS));
  });

  it('leaves the Discord settings optional, with defaults for the API, moderators, cooldown and button lifetime', () => {
    expect(parseConfig({}).discord).toEqual({
      apiUrl: 'https://discord.com/api',
      moderatorRoleIds: [],
      askCooldown: { uses: 5, seconds: 30 },
      buttonsTtlMs: 7 * 86_400_000,
    });
  });

  it.each([
    ['30m', 30 * 60_000],
    ['24h', 24 * 3_600_000],
    ['2D', 2 * 86_400_000],
  ])('reads ANSWER_BUTTONS_TTL=%s', (value, ms) => {
    expect(parseConfig({ ANSWER_BUTTONS_TTL: value }).discord.buttonsTtlMs).toBe(ms);
  });

  it('names a bad ANSWER_BUTTONS_TTL and the form it takes', () => {
    for (const bad of ['0m', '7', '400d', 'week']) {
      expect(() => parseConfig({ ANSWER_BUTTONS_TTL: bad })).toThrow(`ANSWER_BUTTONS_TTL="${bad}": must be a duration from 1m to 365d`);
    }
  });

  it('reads the Discord settings', () => {
    const c = parseConfig({
      DISCORD_TOKEN: 'abc.def',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      MODERATOR_ROLE_IDS: '323456789012345678, 423456789012345678',
      ASK_COOLDOWN: '3 / 10',
    });
    expect(c.discord).toEqual({
      token: 'abc.def',
      clientId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:8080/api',
      moderatorRoleIds: ['323456789012345678', '423456789012345678'],
      askCooldown: { uses: 3, seconds: 10 },
      buttonsTtlMs: 7 * 86_400_000,
    });
    expect(parseConfig({ ASK_COOLDOWN: 'off' }).discord.askCooldown).toBeNull();
  });

  it('names every bad Discord setting', () => {
    expect(() =>
      parseConfig({ DISCORD_CLIENT_ID: 'bot', DISCORD_API_URL: 'ws://x', MODERATOR_ROLE_IDS: '123456789012345678,mods', ASK_COOLDOWN: '0/30' }),
    ).toThrow(/DISCORD_CLIENT_ID="bot": must be a Discord id[\s\S]*DISCORD_API_URL="ws:\/\/x"[\s\S]*MODERATOR_ROLE_IDS="123456789012345678,mods": must be a Discord id[\s\S]*ASK_COOLDOWN="0\/30": must be N\/S/);
  });

  it('does not follow seed links out of the folder unless SEEDS_FOLLOW_LINKS is true', () => {
    expect(parseConfig({}).seedsFollowLinks).toBe(false);
    expect(parseConfig({ SEEDS_FOLLOW_LINKS: 'true' }).seedsFollowLinks).toBe(true);
    expect(parseConfig({ SEEDS_FOLLOW_LINKS: 'FALSE' }).seedsFollowLinks).toBe(false);
    expect(() => parseConfig({ SEEDS_FOLLOW_LINKS: 'sometimes' })).toThrow('SEEDS_FOLLOW_LINKS="sometimes": must be true or false');
  });
});
