import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/answer.js';
import type { Excerpt } from '../../../src/answer/excerpt.js';
import type { EvalQuestion } from '../../../src/eval/datasets.js';
import { resultOf, type MethodResult } from '../../../src/eval/methods.js';
import { emptyTally, tallyQuestion } from '../../../src/eval/score.js';
import { peerResult, type Contestant } from '../../../bench/peers/contestant.js';
import { judge } from '../../../bench/peers/judge.js';
import { measureWarm } from '../../../bench/peers/warm.js';

const QUESTIONS: EvalQuestion[] = [
  { q: 'In what country is Normandy located?', answers: ['France'] },
  { q: 'Who was the Norse leader?', answers: ['Rollo'] },
  { q: 'When were the Normans in Normandy?', answers: ['10th and 11th centuries', 'in the 10th and 11th centuries'] },
  { q: 'What is the capital of Mars?', answers: [] },
];

/** The passages each question gets, best first: top-1 hit, top-3 hit, a miss, and one for the unanswerable question. */
const PASSAGES: string[][] = [
  ['Normandy is a region in FRANCE.', 'Other text.'],
  ['The Normans came from the north.', 'Their leader was rollo.', 'More.'],
  ['Nothing useful.', 'Still nothing.', 'Nope.', 'In the 10th and 11th centuries (too late: rank 4).'],
  ['Mars has no capital.'],
];

/** An `Answer` as Dateline's `answer()` returns it, quoting `texts`. */
function datelineAnswer(texts: readonly string[]): Answer {
  const excerpt = (text: string) => ({ text, story: 's', title: 'S', citation: '¶1', kind: 'paragraph', start: 0, end: text.length, score: 1 }) as Excerpt;
  return { question: 'q', answered: texts.length > 0, confidence: 'high', excerpts: texts.map(excerpt) };
}

describe('judging Dateline and the peers', () => {
  it('is the eval’s rule: top-k counts an accepted answer, any case, in the first k passages only', () => {
    const j = judge(QUESTIONS, PASSAGES.map(peerResult));
    expect(j).toMatchObject({ questions: 3, top1: Number((1 / 3).toFixed(4)), top3: Number((2 / 3).toFixed(4)), declined: 0 });
    const tally = emptyTally();
    QUESTIONS.forEach((q, i) => tallyQuestion(tally, q, peerResult(PASSAGES[i]!)));
    expect([j.top1 * tally.answerable, j.top3 * tally.answerable].map(Math.round)).toEqual([tally.top1, tally.top3]);
  });

  it('gives the same score to the same passages whether Dateline or a peer returned them', () => {
    const asDateline = judge(QUESTIONS, PASSAGES.map((p) => resultOf(datelineAnswer(p))));
    const asPeer = judge(QUESTIONS, PASSAGES.map(peerResult));
    expect(asDateline).toEqual(asPeer);
  });

  it('counts a declined answerable question as a miss, as the eval does', () => {
    const declined: MethodResult = resultOf({ question: 'q', answered: false, excerpts: [] });
    const j = judge(QUESTIONS, [declined, ...PASSAGES.slice(1).map(peerResult)]);
    expect(j).toMatchObject({ top1: 0, top3: Number((1 / 3).toFixed(4)), declined: 1 });
  });

  it('is applied by the harness to every row alike: two rows returning the same passages score the same', async () => {
    const row = (name: string, shape: (p: string[]) => MethodResult): Contestant => ({
      name,
      description: name,
      build: async () => {},
      ask: async (q) => shape(PASSAGES[QUESTIONS.findIndex((x) => x.q === q)]!),
      oneShot: () => ({ args: [], env: {} }),
    });
    const dateline = await measureWarm(row('dateline', (p) => resultOf(datelineAnswer(p))), '/nowhere', QUESTIONS);
    const peer = await measureWarm(row('peer', peerResult), '/nowhere', QUESTIONS);
    expect(dateline.judgement).toEqual(peer.judgement);
    expect(dateline.timesMs).toHaveLength(QUESTIONS.length);
  });

  it('refuses results that do not line up with the questions', () => {
    expect(() => judge(QUESTIONS, [])).toThrow(/4 questions but 0 results/);
  });
});
