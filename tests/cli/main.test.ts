import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuilt, type FinishedRun } from '../support/built-process.js';
import { seedsFolder, seedText, tempDir } from '../support/fixtures.js';
import { PROJECT_ROOT } from '../../src/paths.js';

let env: Record<string, string>;

function dateline(args: string[], input?: string, extraEnv: Record<string, string> = {}): Promise<FinishedRun> {
  return runBuilt('bin/dateline.js', args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env, ...extraEnv }, input: input ?? '' });
}

beforeAll(async () => {
  env = { SEEDS_DIR: await seedsFolder(), INDEX_DIR: await tempDir('dateline-cli-index-'), LOG_LEVEL: 'info' };
  await dateline(['reindex']);
}, 60_000);

describe('dateline CLI', { timeout: 60_000 }, () => {
  it('ask --json prints the documented JSON on stdout only, quoting the story exactly', async () => {
    const run = await dateline(['ask', '--json', 'What are Western leaders considering?']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { question: string; answered: boolean; excerpts: Record<string, unknown>[] };
    expect(out.question).toBe('What are Western leaders considering?');
    expect(out.answered).toBe(true);
    const story = await seedText();
    for (const e of out.excerpts) {
      expect(Object.keys(e).slice(0, 7)).toEqual(['text', 'story', 'citation', 'kind', 'start', 'end', 'score']);
      expect(story.slice(e.start as number, e.end as number)).toBe(e.text);
    }
    expect(out.excerpts[0]).toMatchObject({ citation: '¶6', kind: 'paragraph', story: '2014-03-30-kerry-lavrov-paris' });
  });

  it('a one-shot ask loads no Discord library: the bot’s code stays out of the CLI’s cold start', async () => {
    const trace = { NODE_OPTIONS: `--import ${pathToFileURL(path.join(PROJECT_ROOT, 'tests/support/trace-packages.mjs')).href}` };
    const loaded = (run: FinishedRun) => run.stderr.split('\n').filter((l) => l.startsWith('loaded-package: ')).map((l) => l.slice('loaded-package: '.length));
    const ask = await dateline(['ask', 'Where did Kerry and Lavrov meet?'], '', trace);
    expect(ask.code).toBe(0);
    expect(loaded(ask)).toContain('commander');
    expect(loaded(ask).filter((p) => p === 'discord.js' || p.startsWith('@discordjs/ws') || p.startsWith('@discordjs/rest'))).toEqual([]);
    expect(loaded(ask)).not.toContain('better-sqlite3');
    expect(loaded(ask), 'the progress bar is loaded when a build draws one').not.toContain('cli-progress');
    const chat = await dateline(['chat'], 'quit\n', trace);
    expect(loaded(chat)).toContain('discord.js');
  });

  it('ask prints block quotes with citations for people', async () => {
    const run = await dateline(['ask', 'What is Philip Breedlove\'s job?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^> General Philip Breedlove/m);
    expect(run.stdout).toMatch(/^ {2}— ¶14 · U\.S\. Secretary of State John Kerry/m);
  });

  it('says the story does not say when it does not', async () => {
    const run = await dateline(['ask', 'What was the score of the hockey game?']);
    expect(run.stdout.startsWith("The story doesn't say.")).toBe(true);
  });

  it('ask --json - answers standard input line by line, in order, as JSON Lines', async () => {
    const questions = ['Who is Sergei Lavrov?', 'Where was the pro-Russian rally held?', '   ', 'What did the German chancellor say?'];
    const run = await dateline(['ask', '--json', '--k', '2', '-'], questions.join('\n'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; excerpts: unknown[]; answered: boolean });
    expect(lines.map((l) => l.question)).toEqual([questions[0], questions[1], questions[3]]);
    expect(lines[0]!.excerpts.length).toBeLessThanOrEqual(2);
    expect(lines[2]!.answered).toBe(false);
  });

  it('captions --json lists the seven captions with credit, place and date', async () => {
    const run = await dateline(['captions', '--json']);
    const captions = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(captions).toHaveLength(7);
    expect(Object.keys(captions[0]!)).toEqual(['number', 'text', 'credit', 'place', 'date', 'story']);
    expect(captions[2]).toMatchObject({ number: 3, credit: 'REUTERS/Yannis Behrakis', date: 'March 30, 2014' });
  });

  it('sources --json names the story, its counts and the model', async () => {
    const run = await dateline(['sources', '--json']);
    const sources = JSON.parse(run.stdout) as { stories: Record<string, unknown>[]; model: string };
    expect(sources.model).toBe('dateline/glove-100d-sif');
    expect(sources.stories[0]).toMatchObject({ story: '2014-03-30-kerry-lavrov-paris', date: '2014-03-30', paragraphs: 14, captions: 7 });
  });

  it('reindex says the index is up to date when no story changed, and --full rebuilds it anyway', async () => {
    const same = await dateline(['reindex']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^The index is up to date: no story changed \(1 story, \d+ sentences\)\. Run dateline reindex --full/);
    const full = await dateline(['reindex', '--full']);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/^Reindexed in [\d.]+ s: added 0, changed 0, removed 0; now 1 story, \d+ sentences with dateline\/glove-100d-sif \(before: 1 stories/);
  });

  it('rejects a bad --k by value and says what is allowed', async () => {
    const run = await dateline(['ask', '--k', 'many', 'Who?']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--k must be a whole number from 1 to 10, got "many"');
    expect(run.stdout).toBe('');
  });

  it('explains a missing seeds folder and exits 2 without a stack trace', async () => {
    const missing = path.join(await tempDir(), 'no-seeds');
    const run = await dateline(['--seeds', missing, '--index', await tempDir(), 'ask', 'Who is Lavrov?']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`The seeds folder ${missing} does not exist`);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('names a bad environment value', async () => {
    const run = await dateline(['ask', 'Who?'], undefined, { ANSWER_EXCERPTS: 'three' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ANSWER_EXCERPTS="three"');
  });

  it('ignores the bot’s settings: a bad Discord value in the environment does not stop the CLI', async () => {
    const run = await dateline(['sources'], undefined, { DISCORD_CLIENT_ID: 'abc', ASK_COOLDOWN: 'lots', SHARD_COUNT: 'many' });
    expect(run.stderr).not.toContain('Bad configuration');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Kerry');
  });

  it('refuses an empty question', async () => {
    const run = await dateline(['ask', '  ']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/question is empty/);
  });

  it('ask - without --json prints each question above its answer, with a separator between answers', async () => {
    const questions = ['Who is Sergei Lavrov?', '', 'What was the score of the hockey game?'];
    const run = await dateline(['ask', '--k', '1', '-'], questions.join('\n'));
    expect(run.code).toBe(0);
    const answers = run.stdout.split(/^─{40}$/m);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^Q: Who is Sergei Lavrov\?\n\n> /);
    expect(answers[1]).toMatch(/^\nQ: What was the score of the hockey game\?\n\nThe story doesn't say\./);
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(await fs.readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = await dateline([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });

  it('answers a usage error with one line and where to find help, not the whole help, and exits 2', async () => {
    const cases: [string[], string, string][] = [
      [['ask', '--jsn', 'Who?'], "error: unknown option '--jsn' (Did you mean --json?)", '(run dateline --help, or dateline ask --help)'],
      [['ask'], "error: missing required argument 'question'", '(run dateline --help, or dateline ask --help)'],
      [['aks', 'Who?'], "error: unknown command 'aks' (Did you mean ask?)", '(run dateline --help)'],
      [['sources', '--bogus'], "error: unknown option '--bogus'", '(run dateline --help, or dateline sources --help)'],
      [['eval', '--bogus'], "error: unknown option '--bogus'", '(run dateline --help, or dateline eval --help)'],
    ];
    for (const [args, error, hint] of cases) {
      const run = await dateline(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`${error}\n${hint}\n`);
      expect(run.stdout).toBe('');
    }
  });

  it('names the command that crashed in the log, not the first argument', async () => {
    // A crash nobody can foresee: standard output fails when the answer is printed.
    const breakStdout = path.join(await tempDir(), 'break-stdout.mjs');
    await fs.writeFile(breakStdout, "process.stdout.write = () => { throw new Error('standard output is gone'); };\n");
    const run = await dateline(['--index', env.INDEX_DIR!, 'sources'], undefined, { NODE_OPTIONS: `--import=${pathToFileURL(breakStdout).href}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: dateline crashed \(.*standard output is gone.* command=sources\)$/m);
  });

  it('never prints a secret of the environment when it crashes, whatever the error quotes', async () => {
    const secrets = { DISCORD_TOKEN: 'OTk5.Gcli.not_a-real-token_for_cli-crash_41', HF_TOKEN: 'hf_notARealHubToken_cli_crash_test' };
    // A crash whose message and stack quote the settings, as an error repeating a request or a config dump would.
    const leak = path.join(await tempDir(), 'leak.mjs');
    await fs.writeFile(leak, "process.stdout.write = () => { throw new Error(`write failed (authorization=Bot ${process.env.DISCORD_TOKEN}, hub ${process.env.HF_TOKEN})`); };\n");
    const run = await dateline(['--index', env.INDEX_DIR!, 'sources'], undefined, { ...secrets, NODE_OPTIONS: `--import=${pathToFileURL(leak).href}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: dateline crashed \(.*write failed \(authorization=Bot \[redacted\], hub \[redacted\]\).* command=sources\)$/m);
    for (const secret of Object.values(secrets)) expect(run.stdout + run.stderr).not.toContain(secret.slice(-12));
  });

  it('sources prints when the index was built as people read it, in UTC, as dateline chat shows /sources', async () => {
    const run = await dateline(['sources']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Index: \d+ sentences, model dateline\/glove-100d-sif, built \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/m);
    expect(run.stdout).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('keeps the index folder tidy: one CURRENT pointer and generation folders', async () => {
    const entries = await fs.readdir(env.INDEX_DIR!);
    expect(entries).toContain('CURRENT');
    expect(entries.every((e) => e === 'CURRENT' || e.startsWith('index-'))).toBe(true);
  });
});
