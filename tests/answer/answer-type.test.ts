import { describe, expect, it } from 'vitest';
import { definitionSubject, describes, detectAnswerType, hasAnswerSpan, withoutWhPhrase } from '../../src/answer/answer-type.js';

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

  it('counts a bare plural unit as a duration only when it says how long ("for days", not "days before")', () => {
    expect(hasAnswerSpan('The talks came days before the summit.', 'duration', q('How long were the talks'))).toBe(false);
    expect(hasAnswerSpan('The siege lasted for weeks.', 'duration', q('How long was the siege'))).toBe(true);
  });

  it('drops a date or duration wh-phrase from the words to match, keeping other heads', () => {
    expect(withoutWhPhrase('What day were the talks held?')).toBe('  were the talks held?');
    expect(withoutWhPhrase('How long did the meeting last?')).toBe('  did the meeting last?');
    expect(withoutWhPhrase('What city hosted the talks?')).toBe('What city hosted the talks?');
  });
});

describe('definition questions', () => {
  it.each([
    ['Who is Lavrov?', ['lavrov']],
    ['What is Crimea?', ['crimea']],
    ['Who was the Russian foreign minister?', ['russian', 'foreign', 'minister']],
    ['What did Lavrov say?', undefined],
    ['What is the price of Russian oil in Europe today?', undefined],
  ])('"%s" asks what %j is', (question, subject) => {
    expect(definitionSubject(question)).toEqual(subject);
  });

  it('rates sentences that say what the subject is above those that only name it', () => {
    const lavrov = ['lavrov'];
    expect(describes('Kerry greeted Russian Foreign Minister Sergei Lavrov in Paris.', lavrov)).toBe(1);
    expect(describes('Kerry and his Russian counterpart, Sergei Lavrov, met.', lavrov)).toBeGreaterThan(0.5);
    expect(describes('Both Kerry and Lavrov said so.', lavrov)).toBe(0);
    expect(describes('Crimea, a Russian-majority Black Sea peninsula, was seized.', ['crimea'])).toBeGreaterThan(0.5);
  });
});

describe('numbers that are dates', async () => {
  const { hasAnswerSpan } = await import('../../src/answer/answer-type.js');
  const asked = new Set(['how', 'many']);
  it('a day of a month or a year after a month or "in" is a date, not a count; a bare 2000 is a count', () => {
    expect(hasAnswerSpan('a rally in central Donetsk March 29, 2014.', 'number', asked)).toBe(false);
    expect(hasAnswerSpan('it happened in 2014 again', 'number', asked)).toBe(false);
    expect(hasAnswerSpan('About 2000 protesters marched.', 'number', asked)).toBe(true);
  });
});
