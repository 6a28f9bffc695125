import { describe, expect, it } from 'vitest';
import { errorDetails, redactedMessage } from '../../src/app/error-details.js';
import { envSecrets } from '../../src/app/secrets.js';

describe('secrets of the environment', () => {
  it('are the bot token, any setting named like a secret, and passwords in URLs', () => {
    const env = {
      DISCORD_TOKEN: ' OTk5.Gabc.bot-token-value ',
      HF_TOKEN: 'hf_abcdefghijklmnop',
      OPENAI_API_KEY: 'sk-abcdefghijkl',
      DB_PASSWORD: 'correct horse',
      HTTPS_PROXY: 'http://me:pr%40xy-pass@proxy.example:3128',
      DISCORD_API_URL: 'https://discord.com/api',
      SEEDS_DIR: 'seeds',
      ASK_COOLDOWN: 'off',
      USE_TOKEN: 'true',
    };
    const secrets = envSecrets(env);
    expect(new Set(secrets)).toEqual(new Set(['OTk5.Gabc.bot-token-value', 'hf_abcdefghijklmnop', 'sk-abcdefghijkl', 'correct horse', 'pr%40xy-pass', 'pr@xy-pass']));
    // A placeholder too short to be a real secret would blank out letters of every message instead.
    expect(envSecrets({ DISCORD_TOKEN: 't' })).toEqual([]);
    // Longest first: one secret inside another is hidden whole.
    expect(secrets.map((s) => s.length)).toEqual([...secrets.map((s) => s.length)].sort((a, b) => b - a));
  });

  it('never reach what is printed or logged about an error', () => {
    const env = { DISCORD_TOKEN: 'OTk5.Gabc.bot-token-value', HF_TOKEN: 'hf_abcdefghijklmnop' };
    const error = new Error(`GET failed: Bot ${env.DISCORD_TOKEN}, hub ${env.HF_TOKEN}`);
    expect(redactedMessage(error, envSecrets(env))).toBe('GET failed: Bot [redacted], hub [redacted]');
    const details = errorDetails(error, envSecrets(env));
    expect(JSON.stringify(details)).not.toMatch(/bot-token-value|hf_abcdefghijklmnop/);
  });
});
