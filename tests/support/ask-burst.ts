import type { FakeDiscord, InteractionExchange, Invoker } from './fake-discord/index.js';

/** Questions about the seed story: answerable ones, a caption, and ones it does not answer. */
export const STORY_QUESTIONS = [
  "What is Philip Breedlove's job?",
  'Where did Kerry and Lavrov meet?',
  'Who took the photo of the woman on the bench in Sevastopol?',
  'What are Western leaders considering?',
  'What did Lavrov say about Ukraine?',
  'When did Breedlove arrive in Europe?',
  'Why did Kerry fly to Paris?',
  'What was the score of the hockey game?',
] as const;

/** The id of the `i`-th of `count` users, distinct from the ids other helpers use. */
export function userId(i: number): string {
  return String(910_000_000_000_000_000n + BigInt(i));
}

/** Options for {@link askBurst}. */
export interface BurstOptions {
  /** Interactions to send. */
  count: number;
  /** Distinct users, taking turns. */
  users: number;
  questions?: readonly string[];
  /** Added to each invoker (e.g. a guild). */
  who?: Invoker;
}

/**
 * Sends `count` `/ask` interactions back to back, as fast as the fake can
 * dispatch them, from `users` users in turn, cycling through the questions.
 */
export function askBurst(fake: FakeDiscord, options: BurstOptions): InteractionExchange[] {
  const questions = options.questions ?? STORY_QUESTIONS;
  return Array.from({ length: options.count }, (_, i) =>
    fake.command('ask', { question: questions[i % questions.length]! }, { ...options.who, userId: userId(i % options.users) }),
  );
}
