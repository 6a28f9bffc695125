import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.js';
import type { InteractionExchange } from '../support/fake-discord/index.js';
import { recordScenario } from '../support/reliability-record.js';

/**
 * Questions a hostile or broken client can send (the fake sends options
 * longer than Discord's 300-character limit). Each gets a clear ephemeral
 * message or a normal answer, never an error.
 */
const Q = 'Where did Kerry and Lavrov meet?';
const inputs: [string, string][] = [
  ['empty', ''],
  ['whitespace only', ' \t\n  \u00a0 '],
  ['exactly 300 characters', `${Q} ${'x'.repeat(300 - Q.length - 1)}`],
  ['301 characters', `${Q} ${'x'.repeat(300 - Q.length)}`],
  ['5,000 characters', 'why '.repeat(1250)],
  ['control characters', `\u0000\u0007${Q}\u001b[31m\u0008\u007f`],
  ['only control characters', '\u0000\u0001\u0002\u001b'],
  ['zero-width characters', 'Where\u200b did\u200c Kerry\u200d and\u2060 Lavrov\ufeff meet?'],
  ['right-to-left override', `\u202e${Q}\u202c \u2067${Q}\u2069`],
  ['10 KB of emoji', '😀'.repeat(2560)],
  ['a lone surrogate', `${Q} \ud800`],
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ASK_COOLDOWN: 'off' } });
}, 30_000);
afterAll(() => h?.stop());

const isAnswer = (content: string) => content.startsWith('**Q:** ');
const isClearRefusal = (content: string) => /^(The question is empty\.|Questions can be at most 300 characters; yours has \d+\.)/.test(content);

describe('/ask with unusual input', () => {
  it('answers or refuses each clearly and ephemerally, never with an error', async ({ task }) => {
    const record = recordScenario(task, 'security-input-bounds', 'Bad and hostile questions');
    const exchanges: [string, InteractionExchange][] = [];
    for (const [i, [name, question]] of inputs.entries()) exchanges.push([name, await h.run('ask', { question }, { userId: `98000000000000000${i}` })]);
    for (const [name, x] of exchanges) {
      const [message, ...more] = x.messages();
      const content = String(message?.data.content);
      const line = h.log.lines().find((l) => l.interaction === x.id)!;
      record.figures[name] = isAnswer(content) ? `answered (${line.result})` : `refused ephemerally: ${content}`;
      expect(more, name).toEqual([]);
      expect(isAnswer(content) || (isClearRefusal(content) && (message!.data.flags! & 64) === 64), `${name}: ${content}`).toBe(true);
      expect(['answered', 'declined', 'refused'], name).toContain(line.result);
      expect(content.length).toBeLessThanOrEqual(2000);
    }
    expect(h.log.lines().filter((l) => l.level >= 50)).toEqual([]);
    const logged = h.log.lines().filter((l) => l.msg === 'interaction').map((l) => JSON.stringify(l).length);
    record.counts.interactions = inputs.length;
    record.counts.badInputs = inputs.length;
    record.figures['longest interaction log line (characters)'] = Math.max(...logged);
  }, 30_000);
});
