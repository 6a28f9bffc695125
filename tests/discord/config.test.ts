import { describe, expect, it } from 'vitest';
import { parseDiscordConfig } from '../../src/discord/config.js';

describe('parseDiscordConfig', () => {
  it('leaves the Discord settings optional, with defaults for the API, moderators, cooldown and shards', () => {
    expect(parseDiscordConfig({})).toEqual({
      apiUrl: 'https://discord.com/api',
      moderatorRoleIds: [],
      askCooldown: { uses: 5, seconds: 30 },
      shardCount: 'auto',
    });
  });

  it('reads the Discord settings', () => {
    const c = parseDiscordConfig({
      DISCORD_TOKEN: 'abc.def',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      MODERATOR_ROLE_IDS: '323456789012345678, 423456789012345678',
      ASK_COOLDOWN: '3 / 10',
    });
    expect(c).toEqual({
      token: 'abc.def',
      clientId: '123456789012345678',
      guildId: '223456789012345678',
      apiUrl: 'http://127.0.0.1:8080/api',
      moderatorRoleIds: ['323456789012345678', '423456789012345678'],
      askCooldown: { uses: 3, seconds: 10 },
      shardCount: 'auto',
    });
    expect(parseDiscordConfig({ ASK_COOLDOWN: 'off' }).askCooldown).toBeNull();
  });

  it('names every bad Discord setting', () => {
    expect(() =>
      parseDiscordConfig({ DISCORD_CLIENT_ID: 'bot', DISCORD_API_URL: 'ws://x', MODERATOR_ROLE_IDS: '123456789012345678,mods', ASK_COOLDOWN: '0/30' }),
    ).toThrow(/DISCORD_CLIENT_ID="bot": must be a Discord id[\s\S]*DISCORD_API_URL="ws:\/\/x"[\s\S]*MODERATOR_ROLE_IDS="123456789012345678,mods": must be a Discord id[\s\S]*ASK_COOLDOWN="0\/30": must be N\/S/);
  });
});
