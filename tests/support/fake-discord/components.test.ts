import { once } from 'node:events';
import {
  ActionRowBuilder,
  AutocompleteInteraction,
  ButtonBuilder,
  ButtonInteraction,
  ButtonStyle,
  Client,
  GatewayIntentBits,
  MessageContextMenuCommandInteraction,
  MessageFlags,
  StringSelectMenuBuilder,
  StringSelectMenuInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeDiscord } from './index.js';

/** The fake's components, autocomplete, message commands and channel messages, with the real discord.js client. */

let fake: FakeDiscord;
let client: Client;
const seen = new Map<string, Interaction>();
const messages: Message[] = [];
const ids: string[] = [];

const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
  new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
  new ButtonBuilder().setCustomId('why').setLabel('Why?').setStyle(ButtonStyle.Secondary),
);
const select = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
  new StringSelectMenuBuilder().setCustomId('pick').addOptions({ label: 'A', value: 'a' }, { label: 'B', value: 'b' }).setMaxValues(2),
);

async function handle(i: Interaction): Promise<void> {
  seen.set(i.id, i);
  if (i.isChatInputCommand()) {
    const sent = await i.reply({ content: 'pick', components: [buttons, select], withResponse: true });
    await i.editReply({ content: 'pick one' });
    ids.push(sent.resource!.message!.id, (await i.fetchReply()).id);
  } else if (i.isButton() && i.customId === 'more') await i.update({ content: 'more of it', components: [] });
  else if (i.isButton()) await i.reply({ content: `because ${i.message.id}`, flags: MessageFlags.Ephemeral });
  else if (i.isStringSelectMenu()) await i.reply({ content: `picked ${i.values.join(',')}` });
  else if (i.isAutocomplete()) {
    const focused = i.options.getFocused(true);
    await i.respond([{ name: `${focused.name}: ${focused.value}…`, value: `${focused.value}?` }]);
  } else if (i.isMessageContextMenuCommand()) await i.reply({ content: `quoting: ${i.targetMessage.content}` });
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: fake.apiUrl },
    ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
  });
  client.on('interactionCreate', (i) => void handle(i));
  client.on('messageCreate', async (m) => {
    if (m.author.bot) return;
    messages.push(m);
    if (!m.mentions.users.has(client.user!.id)) return;
    await m.channel.sendTyping();
    await m.reply({ content: 'In Lisbon.', allowedMentions: { repliedUser: false } });
  });
  const ready = once(client, 'clientReady');
  await client.login(fake.token);
  await ready;
}, 15_000);

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

describe('FakeDiscord components and messages', () => {
  let posted: any;

  it('keeps one id for the original response across the callback, edits and fetches, and echoes components', async () => {
    const x = fake.command('ask');
    await vi.waitFor(() => expect(ids).toHaveLength(2));
    posted = x.lastMessage();
    expect(posted).toMatchObject({ content: 'pick one', channel_id: fake.guilds[0]!.channelId, author: { id: fake.botUser.id } });
    expect(ids).toEqual([posted.id, posted.id]);
    expect(x.responses.map((r) => r.messageId)).toEqual([posted.id, posted.id]);
    expect(posted.components[0].components.map((c: any) => c.custom_id)).toEqual(['more', 'why']);
    expect(posted.components[1].components[0]).toMatchObject({ type: 3, custom_id: 'pick' });
  });

  it('delivers a button click as a ButtonInteraction on that message; reply and update are recorded', async () => {
    const why = await fake.component(posted, 'why').waitForMessages(1);
    const click = seen.get(why.id) as ButtonInteraction;
    expect(click).toBeInstanceOf(ButtonInteraction);
    expect([click.customId, click.message.id]).toEqual(['why', posted.id]);
    expect(why.responses[0]).toMatchObject({ kind: 'callback', type: 4, data: { content: `because ${posted.id}`, flags: 64 } });
    expect(why.lastMessage()).toMatchObject({ flags: 64, interaction_metadata: { type: 3, interacted_message_id: posted.id } });
    expect(why.lastMessage()!.id).not.toBe(posted.id);

    const more = await fake.component(posted, 'more').waitForMessages(1);
    expect(more.responses.map((r) => r.type)).toEqual([7]);
    expect(more.lastMessage()).toMatchObject({ id: posted.id, content: 'more of it', components: [] });
  });

  it('delivers a select as a StringSelectMenuInteraction with its values', async () => {
    const x = await fake.component(posted, 'pick', { componentType: 3, values: ['a', 'b'] }).waitForMessages(1);
    expect(seen.get(x.id)).toBeInstanceOf(StringSelectMenuInteraction);
    expect((seen.get(x.id) as StringSelectMenuInteraction).values).toEqual(['a', 'b']);
    expect(x.lastMessage()).toMatchObject({ content: 'picked a,b' });
  });

  it('delivers autocomplete with the focused option and records the choices', async () => {
    const x = await fake.autocomplete('ask', { question: 'where', limit: 3 }, 'question').waitFor((x) => x.choices() !== undefined);
    expect(seen.get(x.id)).toBeInstanceOf(AutocompleteInteraction);
    expect(x.responses).toMatchObject([{ kind: 'callback', type: 8 }]);
    expect(x.choices()).toEqual([{ name: 'question: where…', value: 'where?' }]);
  });

  it('delivers a message command with its target message', async () => {
    const x = await fake.messageCommand('Quote', { content: 'They met in Lisbon.' }).waitForMessages(1);
    const i = seen.get(x.id) as MessageContextMenuCommandInteraction;
    expect(i).toBeInstanceOf(MessageContextMenuCommandInteraction);
    expect([i.targetMessage.content, i.targetMessage.author.bot]).toEqual(['They met in Lisbon.', false]);
    expect(x.lastMessage()).toMatchObject({ type: 23, content: 'quoting: They met in Lisbon.' });
  });

  it('delivers a message mentioning the bot to messageCreate and records the reply with its reference', async () => {
    const { id, message } = fake.userMessage('@bot Where did they meet?', { mentionBot: true });
    expect(message.content).toBe(`<@${fake.botUser.id}> Where did they meet?`);
    const [reply] = await fake.waitForChannelMessages(1, (m) => m.method === 'POST');
    expect(messages.at(-1)!.id).toBe(id);
    expect(reply).toMatchObject({ channelId: fake.guilds[0]!.channelId, data: { content: 'In Lisbon.', message_reference: { message_id: id } } });
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/channels/${fake.guilds[0]!.channelId}/typing`)).toBe(true);
  });
});
