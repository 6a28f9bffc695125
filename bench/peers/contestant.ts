import type { MethodResult } from '../../src/eval/methods.js';

/**
 * Dateline or a peer, as the harness sees it: built once over a folder of
 * stories, then asked questions in process, then asked one question by a
 * fresh process that loads what `build` saved.
 */
export interface Contestant {
  /** The row's name in the results. */
  readonly name: string;
  /** How the store is built and what an answer is, for the results. */
  readonly description: string;
  /** Reads the stories of `seedsDir`, builds the store and saves it; the model, if any, is already loaded. */
  build(seedsDir: string): Promise<void>;
  /** Answers one question in process: the passages it returns, best first, as the eval judges them. */
  ask(question: string): Promise<MethodResult>;
  /** The arguments and environment of `node …` for a fresh process that loads the saved store and answers `question`. */
  oneShot(question: string): { args: string[]; env: NodeJS.ProcessEnv };
}

/** The passages a peer returns for a question: answered whenever it returns any (peers never decline on purpose). */
export function peerResult(passages: readonly string[]): MethodResult {
  return { answered: passages.length > 0, excerpts: [...passages] };
}
