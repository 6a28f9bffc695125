import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

const script = path.join(PROJECT_ROOT, 'dist', 'scripts', 'invite-url.js');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [script], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });

// The compiled script runs as `npm run invite-url` does (`npm test` compiles first).
describe('npm run invite-url', () => {
  it('prints the OAuth2 address with the bot and applications.commands scopes and the permissions the bot uses', () => {
    const r = run({ DISCORD_CLIENT_ID: '123456789012345678' });
    expect(r.status).toBe(0);
    const url = new URL(r.stdout.trim().split('\n').at(-1)!);
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(['bot', 'applications.commands']);
    // View Channel, Send Messages, Create Public Threads (thread mode), Send Messages in Threads, Read Message History; nothing administrative.
    expect(BigInt(url.searchParams.get('permissions')!)).toBe((1n << 10n) | (1n << 11n) | (1n << 35n) | (1n << 38n) | (1n << 16n));
  });

  it('names DISCORD_CLIENT_ID when it is missing or malformed, exit 2', () => {
    const missing = run({});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('DISCORD_CLIENT_ID is not set');
    const bad = run({ DISCORD_CLIENT_ID: 'abc' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('DISCORD_CLIENT_ID');
  });
});
