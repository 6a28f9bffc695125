import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandOutcome } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { redact } from '../src/bot/error-details.js';
import { BotError, BotErrorId } from '../src/bot/errors.js';
import { formatAnswer } from '../src/bot/format.js';
import { answerInTime, msUntilDefer, sendPages } from '../src/bot/respond.js';
import { ask, listSources } from '../src/queries.js';

/** Longest question Discord lets a user type into `/ask`. */
export const MAX_QUESTION_LENGTH = 300;

/** `/ask question:<text> [private:<bool>]`. */
export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about the story: the answer quotes it word for word, with citations.')
  .addStringOption((o) =>
    o.setName('question').setDescription('Your question, e.g. Where did Kerry and Lavrov meet?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer (default: everyone in the channel)'));

/** Quotes the story's answer to the question, or says honestly that it doesn't say. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<CommandOutcome> {
  const question = redact(interaction.options.getString('question', true), [interaction.client.token]);
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  const length = [...question].length;
  if (length > MAX_QUESTION_LENGTH) {
    throw new BotError(BotErrorId.QuestionTooLong, `Questions can be at most ${MAX_QUESTION_LENGTH} characters; yours has ${length}. Shorten it and ask again.`);
  }
  const turn = ctx.cooldown.take(interaction.user.id);
  if (!turn.ok) {
    const { uses, seconds } = ctx.cooldown.limit!;
    const wait = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
    throw new BotError(BotErrorId.Cooldown, `You can ask ${uses} questions every ${seconds} s. Try again in ${wait} s.`);
  }
  const slow = ctx.index.current() === undefined || ctx.index.busy || ctx.answers.expectedWaitMs() > msUntilDefer(interaction, ctx.deferAfterMs);
  const answer = await answerInTime(interaction, () => ctx.answers.run(() => ask(ctx, question)), { ephemeral, slow, deferAfterMs: ctx.deferAfterMs });
  const urls = new Map(listSources(await ctx.index.open()).stories.map((s) => [s.story, s.url ?? undefined]));
  await sendPages(interaction, formatAnswer(answer, { urlOf: (story) => urls.get(story) }), { ephemeral });
  return { result: answer.answered ? 'answered' : 'declined' };
}
