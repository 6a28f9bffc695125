import { describe, expect, it } from 'vitest';
import { channelList, requireAnswersHere, scopeOf } from '../../src/app/channel-scope.js';
import { BotErrorId } from '../../src/app/errors.js';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../src/settings/server-settings.js';
import type { ServerSettingsStore } from '../../src/settings/server-settings-store.js';

const NEWS = '100000000000000001';
const CHAT = '100000000000000002';
const THREAD = '100000000000000003';
const listed: ServerSettings = { answerIn: 'listed', listed: [NEWS], threads: false, channelThreads: {} };
const at = (channelId: string | null, parentId?: string) => ({ guildId: 'g', place: { channelId, ...(parentId ? { parentId } : {}) } });

describe('scopeOf', () => {
  it('answers in place everywhere by default', () => {
    expect(scopeOf(DEFAULT_SERVER_SETTINGS, at(CHAT))).toEqual({ answer: 'here' });
  });

  it('answers only in listed channels and threads under them, naming the listed ones otherwise', () => {
    expect(scopeOf(listed, at(NEWS))).toEqual({ answer: 'here' });
    expect(scopeOf(listed, at(THREAD, NEWS))).toEqual({ answer: 'here' });
    expect(scopeOf(listed, at(CHAT))).toEqual({ answer: 'nowhere', channels: [NEWS] });
    expect(scopeOf(listed, at(THREAD, CHAT))).toEqual({ answer: 'nowhere', channels: [NEWS] });
    expect(scopeOf(listed, at(null))).toEqual({ answer: 'nowhere', channels: [NEWS] });
  });

  it('never restricts direct messages or the terminal chat', () => {
    expect(scopeOf(listed, { guildId: null, place: { channelId: CHAT } })).toEqual({ answer: 'here' });
    expect(scopeOf({ ...listed, threads: true }, { guildId: 'terminal', place: { channelId: 'chat:1' } })).toEqual({ answer: 'here' });
  });

  it('opens threads where thread mode is on, a channel\'s own setting over the server\'s, never from inside a thread', () => {
    const server = { ...DEFAULT_SERVER_SETTINGS, threads: true, channelThreads: { [CHAT]: false } };
    expect(scopeOf(server, at(NEWS))).toEqual({ answer: 'thread' });
    expect(scopeOf(server, at(CHAT))).toEqual({ answer: 'here' });
    expect(scopeOf(server, at(THREAD, NEWS))).toEqual({ answer: 'here' });
    expect(scopeOf({ ...listed, channelThreads: { [NEWS]: true } }, at(NEWS))).toEqual({ answer: 'thread' });
    expect(scopeOf({ ...listed, threads: true }, at(CHAT))).toEqual({ answer: 'nowhere', channels: [NEWS] });
  });
});

describe('requireAnswersHere', () => {
  const ctx = (settings: ServerSettings) => ({ settings: { get: () => settings } as unknown as ServerSettingsStore });

  it('refuses politely, naming where Dateline answers and that a moderator chose it', () => {
    const refuse = () => requireAnswersHere(at(CHAT), ctx({ ...listed, listed: [NEWS, THREAD] }));
    expect(refuse).toThrow(expect.objectContaining({ id: BotErrorId.NotHere }));
    expect(refuse).toThrow(`Dateline doesn't answer questions in this channel: a moderator of this server chose to have it answer only in <#${NEWS}> and <#${THREAD}>. Please ask there.`);
  });

  it('lets questions through where Dateline answers, thread mode included, and reads no settings outside servers', () => {
    expect(() => requireAnswersHere(at(NEWS), ctx(listed))).not.toThrow();
    expect(() => requireAnswersHere(at(NEWS), ctx({ ...listed, threads: true }))).not.toThrow();
    const unread = { settings: { get: () => { throw new Error('read'); } } as unknown as ServerSettingsStore };
    expect(() => requireAnswersHere({ guildId: null, place: { channelId: CHAT } }, unread)).not.toThrow();
    expect(() => requireAnswersHere({ guildId: 'terminal', place: { channelId: 'chat:1' } }, unread)).not.toThrow();
  });
});

describe('channelList', () => {
  it('names channels as Discord mentions, and counts those past twenty', () => {
    expect(channelList(['1'])).toBe('<#1>');
    expect(channelList(['1', '2', '3'])).toBe('<#1>, <#2> and <#3>');
    const many = Array.from({ length: 23 }, (_, i) => String(i));
    expect(channelList(many)).toMatch(/^<#0>, <#1>, .*<#19> and 3 more$/);
  });
});
