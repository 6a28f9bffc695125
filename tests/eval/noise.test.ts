import { describe, expect, it } from 'vitest';
import { NOISE_DEFAULTS, noisyQuestions, noisySet, perturb, questionRandom, typo } from '../../src/eval/noise.js';
import { seededRandom } from '../../src/eval/seeded-random.js';

const QUESTIONS = [
  'What are Western leaders considering?',
  'Why did Kerry fly to Paris on Sunday?',
  "What's your opinion about the people going to the meeting with Lavrov?",
  'How many troops are massed on the border in 2014?',
  "I don't know what Putin wants, please tell me because I'm kind of lost",
];

describe('seeded random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const seq = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(seededRandom(seed)));
    expect(seq(7)).toEqual(seq(7));
    expect(seq(7)).not.toEqual(seq(8));
    expect(seq(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('noise', () => {
  it('is deterministic: the same seed gives the same questions, another seed other ones', () => {
    const qs = QUESTIONS.map((q) => ({ q, answers: [] }));
    expect(noisyQuestions(qs, 1)).toEqual(noisyQuestions(qs, 1));
    expect(noisyQuestions(qs, 1).map((q) => q.q)).not.toEqual(noisyQuestions(qs, 2).map((q) => q.q));
  });

  it('perturbs a question the same way whatever else is in the set', () => {
    const alone = noisyQuestions([{ q: QUESTIONS[1]!, answers: ['Paris'] }], 3);
    const among = noisyQuestions(QUESTIONS.map((q) => ({ q, answers: ['Paris'] })).reverse(), 3);
    expect(among.find((q) => q.q === alone[0]!.q)).toBeDefined();
    expect(alone[0]!.answers).toEqual(['Paris']);
  });

  it('reads like chat (inline examples, seed 1)', () => {
    const r = (q: string) => perturb(q, questionRandom(1, q));
    expect(r('What are Western leaders considering?')).toBe('what r wedstern leaders cosidering?');
    expect(r('Why did Kerry fly to Paris on Sunday?')).toBe('why did ketry fly to paris on sunday?');
    expect(r("I don't know what Putin wants, please tell me because I'm kind of lost")).toBe('i dont know what putin wants, pls tell me bc im kind of lost');
  });

  it('lower-cases, drops apostrophes and applies every substitution at rate 1', () => {
    const out = perturb("You're going to tell your People what it's about, with Kerry's notes, because I don't know. Please?", seededRandom(1), {
      chatSpeakRate: 1,
      typoRate: 0,
      dropQuestionMarkRate: 0,
    });
    expect(out).toBe('ur gonna tell ur ppl wat its abt, w kerrys notes, bc idk. pls?');
  });

  it('touches only whole words', () => {
    const out = perturb('Are the bears aware? Be there before the youth wants you.', seededRandom(1), { chatSpeakRate: 1, typoRate: 0, dropQuestionMarkRate: 0 });
    expect(out).toBe('r the bears aware? b there b4 the youth wants u.');
  });

  it('never puts a typo in a number or a word with a digit', () => {
    for (let seed = 0; seed < 50; seed++) {
      const out = perturb('Troops 40000 tanks 123456 and T-90s in 2014', seededRandom(seed), { typoRate: 1 });
      expect(out).toMatch(/40000 .*123456 .*t-90s in 2014$/);
    }
  });

  it('makes one edit per typo: delete, insert, substitute or swap, keeping the first letter', () => {
    const random = seededRandom(5);
    for (const kind of ['delete', 'insert', 'substitute', 'swap'] as const) {
      for (let i = 0; i < 50; i++) {
        const out = typo('considering', random, kind);
        expect(out).not.toBe('considering');
        expect(out[0]).toBe('c');
        expect(out.length).toBe({ delete: 10, insert: 12, substitute: 11, swap: 11 }[kind]);
        if (kind === 'swap') expect([...out].sort().join('')).toBe([...'considering'].sort().join(''));
      }
    }
    expect(typo('ll', random)).toBe('ll');
  });

  it('keeps to the documented rates on a sample', () => {
    const words = 'western leaders considering military options against russia before diplomats travelled across europe'.split(' ');
    let long = 0;
    let changed = 0;
    for (let seed = 0; seed < 300; seed++) {
      const out = perturb(words.join(' '), seededRandom(seed), { chatSpeakRate: 0 }).split(' ');
      expect(out).toHaveLength(words.length);
      words.forEach((w, i) => {
        if (w.length < NOISE_DEFAULTS.typoMinLength) return;
        long++;
        if (out[i] !== w) changed++;
      });
    }
    expect(changed / long).toBeGreaterThan(NOISE_DEFAULTS.typoRate - 0.04);
    expect(changed / long).toBeLessThan(NOISE_DEFAULTS.typoRate + 0.04);

    let subs = 0;
    for (let seed = 0; seed < 2000; seed++) if (perturb('you', seededRandom(seed), { typoRate: 0 }) === 'u') subs++;
    expect(subs / 2000).toBeGreaterThan(NOISE_DEFAULTS.chatSpeakRate - 0.04);
    expect(subs / 2000).toBeLessThan(NOISE_DEFAULTS.chatSpeakRate + 0.04);

    let dropped = 0;
    for (let seed = 0; seed < 2000; seed++) if (!perturb('ok?', seededRandom(seed)).endsWith('?')) dropped++;
    expect(dropped / 2000).toBeGreaterThan(NOISE_DEFAULTS.dropQuestionMarkRate - 0.04);
    expect(dropped / 2000).toBeLessThan(NOISE_DEFAULTS.dropQuestionMarkRate + 0.04);
  });

  it('copies a set with the same seeds folder and answers', () => {
    const set = { name: 's', seedsDir: '/x', answerable: [{ q: 'Who is Lavrov?', answers: ['Russian Foreign Minister'] }], unanswerable: [{ q: 'What was the score?', answers: [] }] };
    const noisy = noisySet(set, 1);
    expect(noisy).toMatchObject({ name: 's', seedsDir: '/x', answerable: [{ answers: ['Russian Foreign Minister'] }], unanswerable: [{ answers: [] }] });
    expect(set.answerable[0]!.q).toBe('Who is Lavrov?');
  });
});
