import { inlineCode } from '@discordjs/formatters';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { NOT_SURE } from '../answer/answer.js';
import type { Story } from '../ingest/story.js';
import type { BotCommand } from './command.js';
import { literal, splitMessage } from './format.js';

/**
 * A one-line example of each command, by command name, shown by `/help`
 * beside the command's own description (an example that is just the
 * command's name is not repeated). A command missing here is still listed
 * (help is built from the loaded commands), only without its example.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, string>> = {
  ask: '/ask question:Where did Kerry and Lavrov meet?',
  captions: '/captions page:2',
  caption: '/caption number:3',
  sources: '/sources',
  help: '/help public:True',
  reindex: '/reindex full:True',
  settings: '/settings threads:on',
  feedback: '/feedback',
  'Ask Dateline': 'right-click a message → Apps → Ask Dateline',
};

/** What `/help` says a "doesn't say" reply starts with: the words `formatAnswer` writes for a declined question. */
export const DOESNT_SAY = "The story doesn't say.";

/** Stories `/help` names before saying how many more there are. */
export const HELP_STORIES_SHOWN = 5;

/** A command's line: name, description, example. Message-menu commands say where to find them. */
function commandLine(command: BotCommand): string {
  const json = command.data.toJSON();
  const example = COMMAND_EXAMPLES[json.name];
  if ((json.type ?? ApplicationCommandType.ChatInput) !== ApplicationCommandType.ChatInput) {
    return `**${literal(json.name)}** (message menu) — asks a message's text as a question${example ? `: ${literal(example)}` : ''}.`;
  }
  const description = 'description' in json && json.description ? ` — ${literal(json.description)}` : '';
  const shown = example && example !== `/${json.name}` ? ` e.g. ${inlineCode(example)}` : '';
  return `${inlineCode(`/${json.name}`)}${description}${shown}`;
}

/** The loaded stories: the first {@link HELP_STORIES_SHOWN} by title and date, then how many more. */
function storyLines(stories: readonly Pick<Story, 'id' | 'title' | 'date'>[]): string[] {
  if (stories.length === 0) return ['**Stories loaded:** none yet. A moderator can run `/reindex` once stories are in the seeds folder.'];
  const shown = stories.slice(0, HELP_STORIES_SHOWN).map((s) => `- *${literal(s.title)}*${s.date ? ` (${s.date})` : ''} · ${inlineCode(s.id)}`);
  const rest = stories.length - shown.length;
  return [
    `**Stories loaded:** ${stories.length === 1 ? '1 story' : `${stories.length.toLocaleString('en-US')} stories`}`,
    ...shown,
    ...(rest > 0 ? [`…and ${rest.toLocaleString('en-US')} more; \`/sources\` lists them all, and \`story:\` in \`/ask\` picks one.`] : []),
  ];
}

/**
 * What `/help` shows, as messages: what Dateline does, every command of
 * `commands` with its description and an example ({@link COMMAND_EXAMPLES}),
 * mentions, how citations read, what "not sure" and "doesn't say" mean (in
 * the words answers use), and which stories are loaded.
 */
export function helpPages(commands: Iterable<BotCommand>, stories: readonly Pick<Story, 'id' | 'title' | 'date'>[]): string[] {
  const all = [...commands];
  const isSlash = (c: BotCommand) => (c.data.toJSON().type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  const listed = [...all.filter(isSlash), ...all.filter((c) => !isSlash(c))];
  const text = [
    '**Dateline** answers questions about the stories below with quotes in their own words, each saying which paragraph or photo caption of which story it is, and says so when a story does not answer.',
    storyLines(stories).join('\n'),
    ['**Commands**', ...listed.map(commandLine), '**@Dateline** and a question in a message — answered in a reply, like `/ask`.'].join('\n'),
    [
      '**Reading an answer**',
      '- `¶12` — paragraph 12 of the story; `Photo caption 7 — REUTERS/Name` — its 7th photo caption and the photographer’s credit.',
      `- Not sure: under “${literal(NOT_SURE)}” come the passages nearest to the question, which may not answer it.`,
      `- “${literal(DOESNT_SAY)}”: the stories hold no answer; the closest passages follow, marked as not an answer.`,
      '- A follow-up (“and lavrov?”, “when was that?”) is read with your previous question in the channel, or the thread’s last one; the reply says which.',
      '- Buttons: **More excerpts** (the next best passages), **Full paragraph** (the quoted paragraphs whole), 👍 and 👎.',
    ].join('\n'),
  ].join('\n\n');
  return splitMessage(text);
}
