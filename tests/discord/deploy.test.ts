import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/app/load-commands.js';
import { TOKEN_REJECTED } from '../../src/discord/config.js';
import { runBuilt, type FinishedRun } from '../support/built-process.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { tempDir } from '../support/fixtures.js';
import { runEntry } from './process.js';

/** `npm run deploy-commands` as it runs: the built script, with exactly `env`, from a folder without a `.env`. */
async function deployProcess(env: Record<string, string>): Promise<FinishedRun> {
  const cwd = await tempDir();
  return runBuilt('dist/scripts/deploy-commands.js', [], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
}

let fake: FakeDiscord;
beforeAll(async () => {
  // Shaped like a real token.
  fake = await FakeDiscord.start({ token: 'OTk5OTk5OTk5OTk5OTk5OTk5.Gdeploy.not_a-real-token_for_deploy-tests_42' });
});
afterAll(() => fake?.stop());

describe('deploy-commands', () => {
  it('registers exactly the bot\'s commands in the guild, with their options, and /reindex and /feedback limited to Manage Server', async () => {
    const guildId = fake.guilds[0]!.id;
    const report = await deployCommands({ token: fake.token, clientId: fake.applicationId, guildId, apiUrl: fake.apiUrl }, await loadCommands());
    expect(report.scope).toBe('guild');
    expect(report.labels).toEqual(['Ask Dateline (message menu)', '/ask', '/caption', '/captions', '/feedback', '/help', '/reindex', '/settings', '/sources']);
    const put = fake.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => [r.path, r.authorization])).toEqual([[`/applications/${fake.applicationId}/guilds/${guildId}/commands`, `Bot ${fake.token}`]]);
    const byName = Object.fromEntries(fake.commands.guilds.get(guildId)!.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual(['Ask Dateline', 'ask', 'caption', 'captions', 'feedback', 'help', 'reindex', 'settings', 'sources']);
    const story = expect.objectContaining({ name: 'story', type: 3, required: false, autocomplete: true });
    expect(byName.ask!.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, max_length: 300 }),
      story,
      expect.objectContaining({ name: 'private', type: 5, required: false }),
    ]);
    expect(byName.ask!.default_member_permissions).toBeUndefined();
    expect(byName['Ask Dateline']).toMatchObject({ type: 3 });
    expect(byName.captions!.options).toEqual([expect.objectContaining({ name: 'page', type: 4, required: false, min_value: 1 }), story]);
    expect(byName.caption!.options).toEqual([expect.objectContaining({ name: 'number', type: 4, required: true, min_value: 1 }), story]);
    expect(byName.reindex!.options).toEqual([expect.objectContaining({ name: 'full', type: 5, required: false })]);
    expect(byName.feedback!.options ?? []).toEqual([]);
    for (const moderated of [byName.reindex, byName.feedback]) {
      expect(moderated).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    }
  });

  it('`npm run deploy-commands` registers globally without DISCORD_GUILD_ID, through DISCORD_API_URL', async () => {
    const run = runEntry('scripts/deploy-commands.ts', { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl }, await tempDir());
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toMatch(/^Registered 9 commands globally .*: Ask Dateline \(message menu\), \/ask, \/caption, \/captions, \/feedback, \/help, \/reindex, \/settings, \/sources\n$/);
    expect(fake.commands.global.map((c) => c.name)).toEqual(['Ask Dateline', 'ask', 'caption', 'captions', 'feedback', 'help', 'reindex', 'settings', 'sources']);
  });

  it('exits 2 naming the missing key when DISCORD_CLIENT_ID is unset', async () => {
    const run = runEntry('scripts/deploy-commands.ts', { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }, await tempDir());
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toMatch(/DISCORD_CLIENT_ID is not set[\s\S]*\.env\.example[\s\S]*npx dateline ask/);
  });

  describe('never shows the token', { timeout: 30_000 }, () => {
    const secret = () => fake.token.split('.').at(-1)!;

    it('when Discord\'s error repeats the request (authorization=Bot …): the error is shown with the token redacted, exit 1', async () => {
      const remove = fake.onRequest((r) =>
        r.method === 'PUT' && r.path.endsWith('/commands')
          ? { status: 400, body: { code: 50035, message: `Invalid Form Body (request: PUT ${r.path} authorization=${r.authorization})` } }
          : undefined,
      );
      try {
        const run = await deployProcess({ DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
        expect(run.code).toBe(1);
        expect(run.stdout + run.stderr).not.toContain(secret());
        expect(run.stderr).toMatch(/^error: .*Invalid Form Body .*authorization=Bot \[redacted\]/m);
      } finally {
        remove();
      }
    });

    it('when Discord rejects the token (401): says so as `npm start` does, exit 2', async () => {
      const wrong = `${fake.token.slice(0, -2)}xx`;
      const remove = fake.onRequest((r) =>
        r.authorization !== `Bot ${fake.token}` ? { status: 401, body: { code: 0, message: `401: Unauthorized (authorization=${r.authorization})` } } : undefined,
      );
      try {
        const run = await deployProcess({ DISCORD_TOKEN: wrong, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`error: ${TOKEN_REJECTED}\n`);
        expect(run.stdout).toBe('');
        expect(run.stdout + run.stderr).not.toContain(wrong.split('.').at(-1)!);
      } finally {
        remove();
      }
    });
  });
});
