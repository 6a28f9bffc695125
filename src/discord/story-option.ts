import type { SlashCommandStringOption } from 'discord.js';
import { findStories } from '../queries.js';
import type { Choice } from '../app/command.js';
import type { AppContext } from '../app/app-context.js';

/** Discord's limits on an autocomplete choice: 25 choices, 100 characters per name and value. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

/** The optional `story` option of `/ask`, `/captions` and `/caption`, with autocomplete. */
export function storyOption(description: string) {
  return (o: SlashCommandStringOption) => o.setName('story').setDescription(description).setAutocomplete(true).setMaxLength(MAX_CHOICE_CHARS);
}

/**
 * Stories matching what the user typed so far (title words, date or id),
 * from the index already in memory: it answers at once, and offers nothing
 * while the index is still loading rather than keep Discord waiting.
 */
export function storyChoices(focused: { value: string }, ctx: Pick<AppContext, 'index'>): Choice[] {
  const index = ctx.index.current();
  if (!index) return [];
  return findStories(index, focused.value, MAX_CHOICES)
    .filter((c) => c.id.length <= MAX_CHOICE_CHARS)
    .map((c) => ({ name: c.label.length > MAX_CHOICE_CHARS ? `${c.label.slice(0, MAX_CHOICE_CHARS - 1)}…` : c.label, value: c.id }));
}
