import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Excerpt } from '../answer/excerpt.js';

/** A reader's verdict on an answer. */
export type Vote = 'up' | 'down';

/** Why an answer was unhelpful, as offered under 👎 (value → label). */
export const DOWNVOTE_REASONS = {
  'wrong-passage': 'Wrong passage',
  'missed-answer': 'Missed the answer',
  'should-decline': "Should have said the story doesn't say",
  other: 'Other',
} as const;

/** A key of {@link DOWNVOTE_REASONS}. */
export type DownvoteReason = keyof typeof DOWNVOTE_REASONS;

/** True when `value` is one of {@link DOWNVOTE_REASONS}. */
export function isDownvoteReason(value: string): value is DownvoteReason {
  return Object.hasOwn(DOWNVOTE_REASONS, value);
}

/** An answer as shown, kept so its buttons work after a restart and votes can be read later. */
export interface AnswerRecord {
  /** Short random id, used in the buttons' `custom_id`. */
  id: string;
  createdAt: number;
  question: string;
  answered: boolean;
  /**
   * The excerpts shown (or, when declined, the closest passages shown as not
   * an answer), stored as JSON with their `unit` and `url` so "Full paragraph"
   * needs no index; records stored before excerpts carried them lack both.
   */
  shown: Excerpt[];
  /** The story the question was restricted to, if any (for "More excerpts"). */
  story: string | null;
  /** Index generation the answer came from (`Answer.generation`). */
  indexVersion: string;
  userId: string;
  guildId: string | null;
  /** Where it was asked: `slash`, `mention`, `context-menu` or `terminal`. */
  via: string;
  /** The channel or thread it was asked in (the chat session in the terminal); null when unknown (records stored before schema 3). */
  channelId: string | null;
  /** True when {@link channelId} is a thread: a thread's last question is the context of the next, whoever asks. */
  inThread: boolean;
  /** The question as read with the question it followed up (what was searched); null when it stood alone. */
  resolved: string | null;
}

/** What a caller supplies to {@link FeedbackStore.saveAnswer}; where and how it was read default to unknown and stand-alone. */
export type NewAnswer = Omit<AnswerRecord, 'id' | 'createdAt' | 'channelId' | 'inThread' | 'resolved'> & Partial<Pick<AnswerRecord, 'channelId' | 'inThread' | 'resolved'>>;

/** Which earlier question a new one may lean on: see {@link FeedbackStore.previousQuestion}. */
export interface ContextQuery {
  channelId: string;
  inThread: boolean;
  userId: string;
  /** Outside threads, only questions asked at or after this time (ms since the epoch) count. */
  since: number;
}

/** An excerpt as `votes()` exports it: without the unit and URL kept for the buttons. */
export type ExportedExcerpt = Omit<Excerpt, 'unit' | 'url'>;

/** One vote with the answer it is about, as exported. */
export interface VoteRecord {
  answerId: string;
  question: string;
  answered: boolean;
  shown: ExportedExcerpt[];
  indexVersion: string;
  via: string;
  userId: string;
  vote: Vote;
  reason: DownvoteReason | null;
  votedAt: string;
}

/** A question readers marked unhelpful. */
export interface DownvotedQuestion {
  question: string;
  downvotes: number;
  upvotes: number;
  /** Downvotes by reason (reasons given only). */
  reasons: Partial<Record<DownvoteReason, number>>;
}

/** What `/feedback` and `dateline feedback` report. */
export interface FeedbackSummary {
  /** Answers with at least one vote. */
  answersRated: number;
  votes: number;
  upvotes: number;
  downvotes: number;
  /** Upvotes / votes, 0–1; null before the first vote. */
  helpfulShare: number | null;
  /** Most downvoted questions first (same wording counted together), at most ten. */
  mostDownvoted: DownvotedQuestion[];
}

/** Bumped when the tables change; {@link FeedbackStore.open} migrates older files. */
export const FEEDBACK_SCHEMA_VERSION = 3;

/** File name of the database inside `DATA_DIR`. */
export const FEEDBACK_FILE = 'feedback.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  question TEXT NOT NULL,
  answered INTEGER NOT NULL,
  shown TEXT NOT NULL,
  story TEXT,
  index_version TEXT NOT NULL,
  user_id TEXT NOT NULL,
  guild_id TEXT,
  via TEXT NOT NULL,
  channel_id TEXT,
  in_thread INTEGER NOT NULL DEFAULT 0,
  resolved TEXT
);
CREATE INDEX IF NOT EXISTS answers_created ON answers (created_at);
CREATE INDEX IF NOT EXISTS answers_channel ON answers (channel_id, created_at);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  reason TEXT,
  voted_at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, user_id)
);`;

interface AnswerRow {
  id: string;
  created_at: number;
  question: string;
  answered: number;
  shown: string;
  story: string | null;
  index_version: string;
  user_id: string;
  guild_id: string | null;
  via: string;
  channel_id: string | null;
  in_thread: number;
  resolved: string | null;
}

/**
 * Version 1 stored each answer's next excerpts and cited paragraphs; they
 * are now computed when a button asks for them (cheaper per answer).
 */
const MIGRATIONS: Record<number, string> = {
  1: 'ALTER TABLE answers DROP COLUMN more; ALTER TABLE answers DROP COLUMN units; ALTER TABLE answers ADD COLUMN story TEXT;',
  2: 'ALTER TABLE answers ADD COLUMN channel_id TEXT; ALTER TABLE answers ADD COLUMN in_thread INTEGER NOT NULL DEFAULT 0; ALTER TABLE answers ADD COLUMN resolved TEXT;',
};

const PRUNE_EVERY = 500;

function recordOf(row: AnswerRow | undefined): AnswerRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    createdAt: row.created_at,
    question: row.question,
    answered: row.answered === 1,
    shown: JSON.parse(row.shown) as Excerpt[],
    story: row.story,
    indexVersion: row.index_version,
    userId: row.user_id,
    guildId: row.guild_id,
    via: row.via,
    channelId: row.channel_id,
    inThread: row.in_thread === 1,
    resolved: row.resolved,
  };
}

/**
 * Answers and votes in a local SQLite file (WAL mode, so shards and the CLI
 * can share it). A vote counts once per user per answer: voting again
 * replaces it. Answers nobody voted on are pruned once their buttons expire.
 */
export class FeedbackStore {
  private saves = 0;
  /** Answer ids: a random prefix per process, then a counter (unique across processes and restarts, cheap). */
  private readonly idPrefix = randomBytes(6).toString('base64url');
  private readonly insertAnswer: Database.Statement;
  private readonly selectAnswer: Database.Statement;
  private readonly selectInChannel: Database.Statement;
  private readonly selectInThread: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    /** Answers without votes older than this many ms are pruned. */
    private readonly keepMs: number,
    private readonly now: () => number,
  ) {
    this.insertAnswer = db.prepare(
      `INSERT INTO answers (id, created_at, question, answered, shown, story, index_version, user_id, guild_id, via, channel_id, in_thread, resolved)
       VALUES (@id, @createdAt, @question, @answered, @shown, @story, @indexVersion, @userId, @guildId, @via, @channelId, @inThread, @resolved)`,
    );
    this.selectAnswer = db.prepare('SELECT * FROM answers WHERE id = ?');
    this.selectInChannel = db.prepare('SELECT * FROM answers WHERE channel_id = ? AND user_id = ? AND created_at >= ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
    this.selectInThread = db.prepare('SELECT * FROM answers WHERE channel_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
  }

  /**
   * Opens (creating when needed) `<dataDir>/feedback.sqlite`. A file written
   * by a newer Dateline is refused with what to do rather than rewritten.
   */
  static open(dataDir: string, options: { keepMs: number; now?: () => number }): FeedbackStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, FEEDBACK_FILE);
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      // With WAL, NORMAL syncs at checkpoints, not at every answer stored: a power cut may lose the last few
      // answers' buttons, never corrupt the file; each /ask stays a sub-millisecond write.
      db.pragma('synchronous = NORMAL');
      // better-sqlite3 builds SQLite with a 16 MB page cache; a few recent answers are all that is ever re-read.
      db.pragma('cache_size = -2000');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > FEEDBACK_SCHEMA_VERSION) {
        throw new Error(`${file} was written by a newer Dateline (schema ${version}, this one knows ${FEEDBACK_SCHEMA_VERSION}); upgrade Dateline or set DATA_DIR to another folder.`);
      }
      db.transaction(() => {
        for (let v = version; v > 0 && v < FEEDBACK_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
        db.exec(SCHEMA);
        db.pragma(`user_version = ${FEEDBACK_SCHEMA_VERSION}`);
      })();
    } catch (error) {
      db.close();
      throw error;
    }
    const store = new FeedbackStore(db, options.keepMs, options.now ?? Date.now);
    store.prune();
    return store;
  }

  /** Stores an answer and returns its record (with its new id). */
  saveAnswer(answer: NewAnswer): AnswerRecord {
    const record: AnswerRecord = {
      ...answer,
      channelId: answer.channelId ?? null,
      inThread: answer.inThread ?? false,
      resolved: answer.resolved ?? null,
      id: `${this.idPrefix}${(++this.saves).toString(36)}`,
      createdAt: this.now(),
    };
    this.insertAnswer.run({
      ...record,
      answered: record.answered ? 1 : 0,
      inThread: record.inThread ? 1 : 0,
      shown: JSON.stringify(record.shown),
    });
    if (this.saves % PRUNE_EVERY === 0) this.prune();
    return record;
  }

  /** The answer with `id`, if it is still stored. */
  getAnswer(id: string): AnswerRecord | undefined {
    return recordOf(this.selectAnswer.get(id) as AnswerRow | undefined);
  }

  /**
   * The question a new one asked in `channelId` may follow up: in a thread,
   * the thread's last question (whoever asked it: a thread is one
   * conversation); elsewhere the same user's last question there since
   * `since`. Stored with the answers, so it survives restarts and is the
   * same on every shard.
   */
  previousQuestion(query: ContextQuery): AnswerRecord | undefined {
    const row = query.inThread ? this.selectInThread.get(query.channelId) : this.selectInChannel.get(query.channelId, query.userId, query.since);
    return recordOf(row as AnswerRow | undefined);
  }


  /**
   * Records `userId`'s vote on an answer, replacing an earlier one (an
   * upvote clears a reason given with an earlier downvote). Returns whether
   * this changed an earlier vote.
   */
  vote(answerId: string, userId: string, vote: Vote): { changed: boolean } {
    const before = this.db.prepare('SELECT vote FROM votes WHERE answer_id = ? AND user_id = ?').get(answerId, userId) as { vote: Vote } | undefined;
    this.db
      .prepare(
        `INSERT INTO votes (answer_id, user_id, vote, reason, voted_at) VALUES (?, ?, ?, NULL, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at,
           reason = CASE WHEN excluded.vote = votes.vote THEN votes.reason ELSE NULL END`,
      )
      .run(answerId, userId, vote, this.now());
    return { changed: before !== undefined && before.vote !== vote };
  }

  /** Adds the reason to `userId`'s downvote of an answer (recording the downvote if missing). */
  setReason(answerId: string, userId: string, reason: DownvoteReason): void {
    this.db
      .prepare(
        `INSERT INTO votes (answer_id, user_id, vote, reason, voted_at) VALUES (?, ?, 'down', ?, ?)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = 'down', reason = excluded.reason, voted_at = excluded.voted_at`,
      )
      .run(answerId, userId, reason, this.now());
  }

  /** Totals and the ten most downvoted questions. */
  summary(limit = 10): FeedbackSummary {
    const t = this.db
      .prepare(
        `SELECT COUNT(DISTINCT answer_id) AS rated, COUNT(*) AS votes,
                COALESCE(SUM(vote = 'up'), 0) AS up, COALESCE(SUM(vote = 'down'), 0) AS down FROM votes`,
      )
      .get() as { rated: number; votes: number; up: number; down: number };
    const rows = this.db
      .prepare(
        `SELECT MIN(a.question) AS question, SUM(v.vote = 'down') AS down, SUM(v.vote = 'up') AS up,
                json_group_array(v.reason) AS reasons
         FROM votes v JOIN answers a ON a.id = v.answer_id
         GROUP BY lower(trim(a.question)) HAVING down > 0
         ORDER BY down DESC, up ASC, question ASC LIMIT ?`,
      )
      .all(limit) as { question: string; down: number; up: number; reasons: string }[];
    const mostDownvoted = rows.map((r) => {
      const reasons: Partial<Record<DownvoteReason, number>> = {};
      for (const reason of JSON.parse(r.reasons) as (string | null)[]) if (reason && isDownvoteReason(reason)) reasons[reason] = (reasons[reason] ?? 0) + 1;
      return { question: r.question, downvotes: r.down, upvotes: r.up, reasons };
    });
    return { answersRated: t.rated, votes: t.votes, upvotes: t.up, downvotes: t.down, helpfulShare: t.votes ? t.up / t.votes : null, mostDownvoted };
  }

  /** Every vote with its answer, oldest first. */
  votes(): VoteRecord[] {
    const rows = this.db
      .prepare(
        `SELECT v.answer_id, a.question, a.answered, a.shown, a.index_version, a.via, v.user_id, v.vote, v.reason, v.voted_at
         FROM votes v JOIN answers a ON a.id = v.answer_id ORDER BY v.voted_at, v.answer_id, v.user_id`,
      )
      .all() as { answer_id: string; question: string; answered: number; shown: string; index_version: string; via: string; user_id: string; vote: Vote; reason: string | null; voted_at: number }[];
    return rows.map((r) => ({
      answerId: r.answer_id,
      question: r.question,
      answered: r.answered === 1,
      shown: (JSON.parse(r.shown) as Excerpt[]).map(({ unit: _unit, url: _url, ...e }) => e),
      indexVersion: r.index_version,
      via: r.via,
      userId: r.user_id,
      vote: r.vote,
      reason: r.reason && isDownvoteReason(r.reason) ? r.reason : null,
      votedAt: new Date(r.voted_at).toISOString(),
    }));
  }

  /** Deletes answers nobody voted on whose buttons have expired. */
  prune(): number {
    return this.db.prepare('DELETE FROM answers WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM votes WHERE answer_id = answers.id)').run(this.now() - this.keepMs).changes;
  }

  close(): void {
    this.db.close();
  }
}
