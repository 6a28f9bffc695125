import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** The folder of question sets and articles that eval, bench and tests read: inside the repository, so a plain clone has all it needs. */
export const EVAL_DATA_DIR = path.join(PROJECT_ROOT, 'eval', 'data');

/**
 * Every data file in {@link EVAL_DATA_DIR}, by role. `eval/data/README.md`
 * says where each comes from and under which licence.
 */
export const EVAL_FILES = {
  /** Story questions written like the development set (answerable with accepted strings, unanswerable). */
  storyDev: path.join(EVAL_DATA_DIR, 'story-dev-questions.json'),
  /** Story questions typed the way people type in Discord (lower case, chat-speak, typos). */
  storyCasualDev: path.join(EVAL_DATA_DIR, 'story-casual-dev-questions.json'),
  /**
   * Casual story questions written blind to the system: held out. Do not read
   * them while tuning; `dateline eval --set fresh` hides their misses unless
   * `--show-misses`. The second such set: the first was read after its
   * report and is development data now ({@link EVAL_FILES.storyCasualFirstBlind}).
   */
  storyCasualFresh: path.join(EVAL_DATA_DIR, 'story-casual-fresh2-questions.json'),
  /** The first blind casual set (65 + 18): reported once, then its misses were read, so it is development data. */
  storyCasualFirstBlind: path.join(EVAL_DATA_DIR, 'story-casual-fresh-questions.json'),
  /** Questions the team wrote on the seed story; read while tuning, so not held out. */
  storyMore: path.join(EVAL_DATA_DIR, 'story-more-questions.json'),
  /** Two-turn exchanges on the seed story (a first question, then a follow-up or a stand-alone second question), written blind to the system; read while building follow-ups, so development data. */
  storyFollowUpDev: path.join(EVAL_DATA_DIR, 'story-followup-dev-questions.json'),
  /** Two-turn exchanges written like {@link EVAL_FILES.storyFollowUpDev} by the same writer, held out: do not read while tuning. */
  storyFollowUpFresh: path.join(EVAL_DATA_DIR, 'story-followup-fresh-questions.json'),
  /** Four whole SQuAD 2.0 dev articles, for judging only (CC BY-SA 4.0). */
  squadSample: path.join(EVAL_DATA_DIR, 'squad2-dev-sample.json'),
  /** Eight other SQuAD 2.0 articles, for fitting weights, thresholds and models (CC BY-SA 4.0). */
  squadTrain: path.join(EVAL_DATA_DIR, 'squad2-train-split.json'),
} as const;
