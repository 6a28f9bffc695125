import { quotes } from '../discord/harness.js';
import type { InteractionExchange } from './fake-discord/index.js';

/** Which text a reply quotes: only the old story, only the new one, text both share, or a mix (or neither). */
export type QuotedVersion = 'old' | 'new' | 'either' | 'mixed';

/**
 * Which of two versions of a story every quote of `x`'s messages comes
 * from. A reply built from one index quotes one version only; `mixed` means
 * some quote is not in the version the others are in.
 */
export function quotedVersion(x: InteractionExchange, oldText: string, newText: string): QuotedVersion {
  const passages = x.messages().flatMap((m) => quotes(String(m.data.content)));
  const inOld = passages.every((q) => oldText.includes(q));
  const inNew = passages.every((q) => newText.includes(q));
  if (inOld && inNew) return 'either';
  if (inOld) return 'old';
  if (inNew) return 'new';
  return 'mixed';
}

/** How many exchanges quote each version. */
export function countVersions(exchanges: readonly InteractionExchange[], oldText: string, newText: string): Record<QuotedVersion, number> {
  const counts: Record<QuotedVersion, number> = { old: 0, new: 0, either: 0, mixed: 0 };
  for (const x of exchanges) counts[quotedVersion(x, oldText, newText)]++;
  return counts;
}
