import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_SERVER_SETTINGS, type AnswerIn, type ServerSettings } from './server-settings.js';

/** Bumped when the tables change; {@link ServerSettingsStore} migrates older files and refuses newer ones. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** File name of the database inside `DATA_DIR`. */
export const SETTINGS_FILE = 'settings.sqlite';

/** A channel row exists while the channel is listed or has its own thread mode; `threads` null follows the server. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS servers (
  guild_id TEXT PRIMARY KEY,
  answer_in TEXT NOT NULL CHECK (answer_in IN ('everywhere', 'listed')),
  threads INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS channels (
  guild_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  listed INTEGER NOT NULL,
  threads INTEGER,
  PRIMARY KEY (guild_id, channel_id)
);`;

/** Steps from version n to n + 1, by n. None yet: version 1 is the first. */
const MIGRATIONS: Record<number, string> = {};

interface ServerRow {
  answer_in: AnswerIn;
  threads: number;
  changed_by: string;
  changed_at: number;
}

interface ChannelRow {
  channel_id: string;
  listed: number;
  threads: number | null;
}

/** The prepared statements over an open database. */
class Tables {
  readonly server: Database.Statement<[string], ServerRow>;
  readonly channels: Database.Statement<[string], ChannelRow>;
  readonly replace: (guildId: string, settings: ServerSettings, by: string, at: number) => void;

  constructor(db: Database.Database) {
    this.server = db.prepare('SELECT answer_in, threads, changed_by, changed_at FROM servers WHERE guild_id = ?');
    this.channels = db.prepare('SELECT channel_id, listed, threads FROM channels WHERE guild_id = ? ORDER BY rowid');
    const upsert = db.prepare(
      `INSERT INTO servers (guild_id, answer_in, threads, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id) DO UPDATE SET answer_in = excluded.answer_in, threads = excluded.threads, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    );
    const clear = db.prepare('DELETE FROM channels WHERE guild_id = ?');
    const channel = db.prepare('INSERT INTO channels (guild_id, channel_id, listed, threads) VALUES (?, ?, ?, ?)');
    this.replace = db.transaction((guildId: string, s: ServerSettings, by: string, at: number) => {
      upsert.run(guildId, s.answerIn, s.threads ? 1 : 0, by, at);
      clear.run(guildId);
      const ids = [...new Set([...s.listed, ...Object.keys(s.channelThreads)])];
      for (const id of ids) channel.run(guildId, id, s.listed.includes(id) ? 1 : 0, Object.hasOwn(s.channelThreads, id) ? (s.channelThreads[id] ? 1 : 0) : null);
    });
  }
}

/**
 * Each server's {@link ServerSettings} in `<dataDir>/settings.sqlite` (WAL
 * mode, so every shard reads what a moderator saved on any of them). Read
 * on every question, never cached: a read is a few microseconds, and a
 * cache would serve a shard stale settings. The file is opened on first
 * use, so a front end that never asks (a one-shot `dateline ask`, tests of
 * other parts) neither creates nor locks it.
 */
export class ServerSettingsStore {
  private db: Database.Database | undefined;
  private tables: Tables | undefined;

  /** @param now the clock `changed.at` is stamped by. */
  constructor(
    readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The file's path. */
  get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  /**
   * Opens the file now (creating or migrating it); later calls do nothing.
   * A file written by a newer Dateline is refused with what to do rather
   * than rewritten.
   */
  open(): this {
    if (this.tables) return this;
    fs.mkdirSync(this.dataDir, { recursive: true });
    const db = new Database(this.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SETTINGS_SCHEMA_VERSION) {
        throw new Error(`${this.file} was written by a newer Dateline (schema ${version}, this one knows ${SETTINGS_SCHEMA_VERSION}); upgrade Dateline or set DATA_DIR to another folder.`);
      }
      db.transaction(() => {
        for (let v = version; v > 0 && v < SETTINGS_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SETTINGS_SCHEMA_VERSION}`);
      })();
      this.tables = new Tables(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return this;
  }

  /** The settings of server `guildId`; {@link DEFAULT_SERVER_SETTINGS} when nobody changed them. */
  get(guildId: string): ServerSettings {
    const tables = this.open().tables!;
    const server = tables.server.get(guildId);
    if (!server) return structuredClone(DEFAULT_SERVER_SETTINGS);
    const channels = tables.channels.all(guildId);
    return {
      answerIn: server.answer_in,
      listed: channels.filter((c) => c.listed === 1).map((c) => c.channel_id),
      threads: server.threads === 1,
      channelThreads: Object.fromEntries(channels.filter((c) => c.threads !== null).map((c) => [c.channel_id, c.threads === 1])),
      changed: { by: server.changed_by, at: server.changed_at },
    };
  }

  /** Replaces server `guildId`'s settings (in one transaction), stamped as changed by `by` now; returns them as stored. */
  save(guildId: string, settings: ServerSettings, by: string): ServerSettings {
    this.open().tables!.replace(guildId, settings, by, this.now());
    return this.get(guildId);
  }

  /** Closes the file if it was opened; the store opens it again when used. */
  close(): void {
    this.db?.close();
    this.db = undefined;
    this.tables = undefined;
  }
}
