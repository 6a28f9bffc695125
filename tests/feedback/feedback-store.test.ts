import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Excerpt } from '../../src/answer/excerpt.js';
import { FEEDBACK_FILE, FeedbackStore, type NewAnswer } from '../../src/feedback/feedback-store.js';
import { tempDir } from '../support/fixtures.js';

const excerpt: Excerpt = { text: 'Kerry and Lavrov met in Paris.', story: 's', title: 'Talks', citation: '¶1', kind: 'paragraph', start: 0, end: 30, score: 0.9 };
const answer = (question: string): NewAnswer => ({
  question,
  answered: true,
  shown: [excerpt],
  story: null,
  indexVersion: 'index-1',
  userId: 'asker',
  guildId: 'g',
  via: 'slash',
});
const DAY = 86_400_000;

describe('FeedbackStore', () => {
  it('keeps answers and votes across reopening the file', async () => {
    const dir = await tempDir();
    const first = FeedbackStore.open(dir, { keepMs: DAY });
    const saved = first.saveAnswer(answer('Where did they meet?'));
    first.vote(saved.id, 'u1', 'up');
    first.close();
    const again = FeedbackStore.open(dir, { keepMs: DAY });
    expect(again.getAnswer(saved.id)).toMatchObject({ question: 'Where did they meet?', shown: [excerpt], indexVersion: 'index-1' });
    expect(again.summary()).toMatchObject({ answersRated: 1, votes: 1, helpfulShare: 1 });
    again.close();
  });

  it('keeps each shown excerpt\'s unit and URL for the buttons, and leaves them out of the exported votes', async () => {
    const store = FeedbackStore.open(await tempDir(), { keepMs: DAY });
    const quoted: Excerpt = { ...excerpt, url: 'https://example.com/talks', unit: { index: 0, start: 0, end: 60, text: 'Kerry and Lavrov met in Paris. They talked for four hours.' } };
    const saved = store.saveAnswer({ ...answer('Where?'), shown: [quoted] });
    expect(store.getAnswer(saved.id)!.shown).toEqual([quoted]);
    store.vote(saved.id, 'u1', 'up');
    expect(store.votes()[0]!.shown).toEqual([excerpt]);
    store.close();
  });

  it('counts one vote per user per answer: voting again replaces it, and a changed vote drops the old reason', async () => {
    const store = FeedbackStore.open(await tempDir(), { keepMs: DAY });
    const a = store.saveAnswer(answer('Q'));
    expect(store.vote(a.id, 'u1', 'down')).toEqual({ changed: false });
    store.setReason(a.id, 'u1', 'wrong-passage');
    expect(store.vote(a.id, 'u1', 'down')).toEqual({ changed: false });
    expect(store.votes()).toMatchObject([{ vote: 'down', reason: 'wrong-passage' }]);
    expect(store.vote(a.id, 'u1', 'up')).toEqual({ changed: true });
    expect(store.votes()).toMatchObject([{ vote: 'up', reason: null }]);
    expect(store.summary()).toMatchObject({ answersRated: 1, votes: 1, upvotes: 1, downvotes: 0 });
    store.close();
  });

  it('ranks the most downvoted questions, counting the same wording together, at most ten', async () => {
    const store = FeedbackStore.open(await tempDir(), { keepMs: DAY });
    for (let q = 0; q < 12; q++) {
      for (let n = 0; n <= q; n++) store.vote(store.saveAnswer(answer(`Question ${q}?`)).id, `u${n}`, 'down');
    }
    store.vote(store.saveAnswer(answer('  question 11?')).id, 'x', 'down');
    const top = store.summary().mostDownvoted;
    expect(top).toHaveLength(10);
    expect(top[0]).toMatchObject({ question: expect.stringMatching(/question 11\?$/i), downvotes: 13 });
    expect(top.map((t) => t.downvotes)).toEqual([13, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    store.close();
  });

  it('prunes answers nobody voted on once their buttons have expired, keeping rated ones', async () => {
    let now = 1_000_000;
    const store = FeedbackStore.open(await tempDir(), { keepMs: DAY, now: () => now });
    const unrated = store.saveAnswer(answer('old, unrated'));
    const rated = store.saveAnswer(answer('old, rated'));
    store.vote(rated.id, 'u', 'up');
    now += DAY + 1;
    expect(store.prune()).toBe(1);
    expect(store.getAnswer(unrated.id)).toBeUndefined();
    expect(store.getAnswer(rated.id)).toBeDefined();
    store.close();
  });

  it('upgrades a version 1 file in place, keeping its answers and votes', async () => {
    const dir = await tempDir();
    const db = new Database(path.join(dir, FEEDBACK_FILE));
    db.exec(`CREATE TABLE answers (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, question TEXT NOT NULL, answered INTEGER NOT NULL,
               shown TEXT NOT NULL, more TEXT NOT NULL, units TEXT NOT NULL, index_version TEXT NOT NULL, user_id TEXT NOT NULL, guild_id TEXT, via TEXT NOT NULL);
             CREATE TABLE votes (answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE, user_id TEXT NOT NULL,
               vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), reason TEXT, voted_at INTEGER NOT NULL, PRIMARY KEY (answer_id, user_id));
             PRAGMA user_version = 1;`);
    db.prepare("INSERT INTO answers VALUES ('old', ?, 'Who met?', 1, ?, '[]', '[]', 'index-0', 'u', 'g', 'slash')").run(Date.now(), JSON.stringify([excerpt]));
    db.prepare("INSERT INTO votes VALUES ('old', 'u', 'down', 'other', ?)").run(Date.now());
    db.close();
    const store = FeedbackStore.open(dir, { keepMs: DAY });
    expect(store.getAnswer('old')).toMatchObject({ question: 'Who met?', shown: [excerpt], story: null, channelId: null, inThread: false, resolved: null });
    expect(store.votes()).toMatchObject([{ answerId: 'old', vote: 'down', reason: 'other' }]);
    expect(store.saveAnswer(answer('new')).id).not.toBe('old');
    store.close();
  });

  it('finds the question a new one may follow up: the same user in the same channel within the window, or a thread\'s last question by anyone', async () => {
    let now = 1_000_000;
    const store = FeedbackStore.open(await tempDir(), { keepMs: DAY, now: () => now });
    const at = (question: string, userId: string, channelId: string, inThread = false) => {
      now += 1000;
      return store.saveAnswer({ ...answer(question), userId, channelId, inThread });
    };
    at('Where did Kerry and Lavrov meet?', 'ann', 'general');
    at('Who is Breedlove?', 'bob', 'general');
    at('What about NATO?', 'ann', 'news');
    const context = (userId: string, channelId: string, since: number, inThread = false) => store.previousQuestion({ userId, channelId, since, inThread })?.question;
    expect(context('ann', 'general', 0)).toBe('Where did Kerry and Lavrov meet?');
    expect(context('bob', 'general', 0)).toBe('Who is Breedlove?');
    expect(context('ann', 'general', now)).toBeUndefined();
    expect(context('cat', 'general', 0)).toBeUndefined();
    at('How long did they talk?', 'ann', 'thread-1', true);
    now += 3 * DAY;
    expect(context('bob', 'thread-1', now, true)).toBe('How long did they talk?');
    const chained = store.saveAnswer({ ...answer('and lavrov?'), userId: 'ann', channelId: 'news', resolved: 'What did Lavrov say about NATO?' });
    expect(store.getAnswer(chained.id)).toMatchObject({ channelId: 'news', inThread: false, resolved: 'What did Lavrov say about NATO?' });
    store.close();
  });

  it('upgrades a version 2 file, whose answers have no channel, without losing them', async () => {
    const dir = await tempDir();
    const db = new Database(path.join(dir, FEEDBACK_FILE));
    db.exec(`CREATE TABLE answers (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, question TEXT NOT NULL, answered INTEGER NOT NULL,
               shown TEXT NOT NULL, index_version TEXT NOT NULL, user_id TEXT NOT NULL, guild_id TEXT, via TEXT NOT NULL, story TEXT);
             CREATE TABLE votes (answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE, user_id TEXT NOT NULL,
               vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), reason TEXT, voted_at INTEGER NOT NULL, PRIMARY KEY (answer_id, user_id));
             PRAGMA user_version = 2;`);
    db.prepare("INSERT INTO answers VALUES ('old', ?, 'Who met?', 1, ?, 'index-0', 'u', 'g', 'slash', NULL)").run(Date.now(), JSON.stringify([excerpt]));
    db.close();
    const store = FeedbackStore.open(dir, { keepMs: DAY });
    expect(store.getAnswer('old')).toMatchObject({ question: 'Who met?', channelId: null, inThread: false, resolved: null });
    expect(store.previousQuestion({ userId: 'u', channelId: 'c', since: 0, inThread: false })).toBeUndefined();
    store.close();
  });

  it('refuses a database written by a newer Dateline, saying what to do, without changing it', async () => {
    const dir = await tempDir();
    const db = new Database(path.join(dir, FEEDBACK_FILE));
    db.pragma('user_version = 99');
    db.close();
    expect(() => FeedbackStore.open(dir, { keepMs: DAY })).toThrow(/written by a newer Dateline \(schema 99.*upgrade Dateline or set DATA_DIR/);
    const check = new Database(path.join(dir, FEEDBACK_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });
});
