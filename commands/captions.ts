import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandOutcome } from '../src/bot/command.js';
import type { BotContext } from '../src/bot/context.js';
import { BotError, BotErrorId } from '../src/bot/errors.js';
import { captionPages } from '../src/bot/format.js';
import { answerInTime, sendPages } from '../src/bot/respond.js';
import { listCaptions } from '../src/queries.js';

/** `/captions [page:<n>]`. */
export const data = new SlashCommandBuilder()
  .setName('captions')
  .setDescription("List the story's photo captions with photographer, place and date.")
  .addIntegerOption((o) => o.setName('page').setDescription('Page to show when the captions need more than one message (default 1)').setMinValue(1));

/** Shows one page of the numbered photo captions. */
export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<CommandOutcome> {
  const page = interaction.options.getInteger('page') ?? 1;
  const visibility = { ephemeral: false };
  const pages = await answerInTime(interaction, async () => captionPages(listCaptions(await ctx.index.open())), {
    ...visibility,
    slow: ctx.index.current() === undefined,
    deferAfterMs: ctx.deferAfterMs,
  });
  const content = pages[page - 1];
  if (content === undefined) {
    throw new BotError(BotErrorId.NoSuchPage, `There ${pages.length === 1 ? 'is 1 page' : `are ${pages.length} pages`} of captions; try \`/captions page:1\`.`);
  }
  await sendPages(interaction, [content], visibility);
  return { result: 'listed' };
}
