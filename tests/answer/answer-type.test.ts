import { describe, expect, it } from 'vitest';
import { detectAnswerType, hasAnswerSpan } from '../../src/answer/answer-type.js';

const q = (s: string) => new Set(s.toLowerCase().split(/\W+/));

describe('answer types', () => {
  it.each([
    ['When did Breedlove arrive in Europe?', 'date'],
    ['In what year was the Duchy founded?', 'date'],
    ['How many men were in the army?', 'number'],
    ["How long was Kerry's meeting with Lavrov?", 'duration'],
    ['Where was the rally held?', 'place'],
    ['Which city saw a performance?', 'place'],
    ['Who is Sergei Lavrov?', 'person'],
    ['What did Kerry raise with Lavrov?', 'other'],
  ])('reads "%s" as %s', (question, type) => {
    expect(detectAnswerType(question)).toBe(type);
  });

  it('finds a span of the asked type beyond the question words', () => {
    expect(hasAnswerSpan('He arrived on Saturday evening.', 'date', q('When did he arrive'))).toBe(true);
    expect(hasAnswerSpan('He arrived in Europe.', 'date', q('When did he arrive'))).toBe(false);
    expect(hasAnswerSpan('After his four-hour meeting.', 'duration', q('How long was the meeting'))).toBe(true);
    expect(hasAnswerSpan('Paris March 30, 2014.', 'duration', q('How long was the meeting'))).toBe(false);
    expect(hasAnswerSpan('He led an army of 30,000 men.', 'number', q('How many men'))).toBe(true);
    expect(hasAnswerSpan('A rally in central Donetsk.', 'place', q('Where was the rally'))).toBe(true);
    expect(hasAnswerSpan('A rally in Donetsk.', 'place', q('Where in Donetsk was the rally'))).toBe(false);
    expect(hasAnswerSpan('It was commissioned by Odo.', 'person', q('Who commissioned it'))).toBe(true);
  });
});
