import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_SETTINGS, withChange, type ServerSettings } from '../../src/settings/server-settings.js';
import { SETTINGS_FILE, SETTINGS_SCHEMA_VERSION, ServerSettingsStore } from '../../src/settings/server-settings-store.js';
import { tempDir } from '../support/fixtures.js';

const restricted: ServerSettings = { answerIn: 'listed', listed: ['111111111111111111', '222222222222222222'], threads: false, channelThreads: { '222222222222222222': true } };

describe('withChange', () => {
  it('lists a channel once, at the end, and takes one off', () => {
    const added = withChange(DEFAULT_SERVER_SETTINGS, { add: 'a' });
    expect(withChange(added, { add: 'b' }).listed).toEqual(['a', 'b']);
    expect(withChange(added, { add: 'a' }).listed).toEqual(['a']);
    expect(withChange({ ...added, listed: ['a', 'b'] }, { remove: 'a' }).listed).toEqual(['b']);
  });

  it('sets thread mode server-wide or for one channel; default clears a channel back to the server and the server back to off', () => {
    const on = withChange(DEFAULT_SERVER_SETTINGS, { threads: { on: true } });
    expect(on.threads).toBe(true);
    const offInOne = withChange(on, { threads: { on: false, channel: 'c' } });
    expect(offInOne.channelThreads).toEqual({ c: false });
    expect(withChange(offInOne, { threads: { on: null, channel: 'c' } }).channelThreads).toEqual({});
    expect(withChange(offInOne, { threads: { on: null } })).toMatchObject({ threads: false, channelThreads: { c: false } });
  });

  it('leaves what the change does not name, and the settings it started from', () => {
    const before = structuredClone(restricted);
    expect(withChange(restricted, { answerIn: 'everywhere' })).toEqual({ ...restricted, answerIn: 'everywhere' });
    expect(restricted).toEqual(before);
  });
});

describe('ServerSettingsStore', () => {
  it('creates no file until it is used, then answers the defaults for a server nobody configured', async () => {
    const dir = await tempDir();
    const store = new ServerSettingsStore(dir);
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE))).toBe(false);
    expect(store.get('guild')).toEqual(DEFAULT_SERVER_SETTINGS);
    expect(fs.existsSync(path.join(dir, SETTINGS_FILE))).toBe(true);
    store.close();
  });

  it('keeps each server\'s settings, with who changed them and when, across reopening the file', async () => {
    const dir = await tempDir();
    const first = new ServerSettingsStore(dir, () => 1_700_000_000_000);
    expect(first.save('g1', restricted, '333333333333333333')).toEqual({ ...restricted, changed: { by: '333333333333333333', at: 1_700_000_000_000 } });
    first.close();
    const again = new ServerSettingsStore(dir);
    expect(again.get('g1')).toEqual({ ...restricted, changed: { by: '333333333333333333', at: 1_700_000_000_000 } });
    expect(again.get('g2')).toEqual(DEFAULT_SERVER_SETTINGS);
    again.close();
  });

  it('replaces a server\'s channels when saving: a channel taken off the list and out of thread mode is gone', async () => {
    const store = new ServerSettingsStore(await tempDir());
    store.save('g', restricted, 'mod');
    store.save('g', { answerIn: 'everywhere', listed: ['222222222222222222'], threads: true, channelThreads: {} }, 'mod');
    expect(store.get('g')).toMatchObject({ answerIn: 'everywhere', listed: ['222222222222222222'], threads: true, channelThreads: {} });
    store.close();
  });

  it('writes its schema version, and opens a file of its own version as it is', async () => {
    const dir = await tempDir();
    new ServerSettingsStore(dir).open().close();
    const db = new Database(path.join(dir, SETTINGS_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(SETTINGS_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    const store = new ServerSettingsStore(dir);
    expect(store.get('g')).toEqual(DEFAULT_SERVER_SETTINGS);
    store.close();
  });

  it('refuses a file written by a newer Dateline, saying what to do, and leaves it untouched', async () => {
    const dir = await tempDir();
    const file = path.join(dir, SETTINGS_FILE);
    const newer = new Database(file);
    newer.pragma(`user_version = ${SETTINGS_SCHEMA_VERSION + 1}`);
    newer.exec('CREATE TABLE future (x TEXT)');
    newer.close();
    const store = new ServerSettingsStore(dir);
    expect(() => store.get('g')).toThrow(`${file} was written by a newer Dateline (schema ${SETTINGS_SCHEMA_VERSION + 1}, this one knows ${SETTINGS_SCHEMA_VERSION}); upgrade Dateline or set DATA_DIR to another folder.`);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SETTINGS_SCHEMA_VERSION + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'future' }]);
    db.close();
  });
});
