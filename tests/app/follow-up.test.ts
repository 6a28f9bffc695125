import { describe, expect, it } from 'vitest';
import { followUpCue, readFollowUp, type StoryWords } from '../../src/app/follow-up.js';

const NAMES = new Set(['kerry', 'lavrov', 'paris', 'nato', 'breedlove', 'crimea', 'sevastopol', 'kurultai', 'odessa', 'ashton', 'yanukovich', 'russia', 'ukraine']);
const story: StoryWords = { isName: (w) => NAMES.has(w), has: (w) => NAMES.has(w) || ['talks', 'meeting', 'sanctions'].includes(w) };

describe('followUpCue', () => {
  it.each([
    ['what did lavrov say about it?', 'reference'],
    ['what did he say after?', 'reference'],
    ['where did they meet', 'reference'],
    ['why did they do that', 'reference'],
    ['what happened there', 'reference'],
    ['who took the odessa one', 'reference'],
    ['and lavrov?', 'continuation'],
    ['what about nato', 'continuation'],
    ['and the general?', 'continuation'],
    ['when?', 'short'],
    ['why', 'short'],
    ['how long', 'short'],
    ['says who', 'short'],
    ['the general?', 'short'],
    ['targeting what', 'short'],
  ])('reads %j as a follow-up (%s)', (question, cue) => {
    expect(followUpCue(question, story)).toBe(cue);
  });

  it.each([
    'Where did Kerry and Lavrov meet?',
    'who is breedlove?',
    'whats nato',
    'whos yanukovich',
    'what did lavrov say at his briefing',
    'how many crimean tatars are there',
    'did kerry say that russia should pull back',
    'what sanctions did the us put on russia',
    'when do nato foreign ministers meet',
  ])('leaves %j alone: it names its own subject', (question) => {
    expect(followUpCue(question, story)).toBeUndefined();
  });
});

describe('readFollowUp', () => {
  it('carries the earlier question\'s subject after the follow-up, so the follow-up\'s question word decides what is asked', () => {
    expect(readFollowUp('how long did it last?', 'Where did Kerry and Lavrov meet?', story)?.text).toBe('how long did it last — did Kerry and Lavrov meet');
    expect(readFollowUp('when?', 'whats the kurultai', story)?.text).toBe('when — the kurultai');
    expect(readFollowUp('why', 'who is breedlove', story)?.text).toBe('why — breedlove');
  });

  it('puts the names of "and X?" in place of the earlier question\'s first names', () => {
    expect(readFollowUp('and lavrov?', 'what did kerry say about crimea', story)?.text).toBe('what did lavrov say about crimea');
    expect(readFollowUp('and the kurultai one?', 'who took the sevastopol photo', story)?.text).toBe('who took the kurultai photo');
    expect(readFollowUp('what about nato?', 'where did Kerry and Lavrov meet', story)?.text).toBe('where did nato meet');
  });

  it('appends when "and …" brings no name or asks a question of its own', () => {
    expect(readFollowUp('and the general?', 'what did kerry say about crimea', story)?.text).toBe('and the general — did kerry say about crimea');
    expect(readFollowUp('and what did he say after', 'what did kerry say about crimea', story)?.text).toBe('and what did he say after — did kerry say about crimea');
  });

  it('never mixes a question that stands alone with the one before', () => {
    expect(readFollowUp('who is breedlove?', 'where did kerry and lavrov meet', story)).toBeUndefined();
    expect(readFollowUp('Where was the Odessa protest?', 'what did lavrov say', story)).toBeUndefined();
  });

  it('reads a chain: the earlier question as it was read, its question word giving way to the new one', () => {
    const first = readFollowUp('how long did it last', 'where did kerry and lavrov meet', story)!.text;
    expect(readFollowUp('why?', first, story)?.text).toBe('why — did it last — did kerry and lavrov meet');
  });
});
