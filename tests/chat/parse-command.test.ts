import { describe, expect, it } from 'vitest';
import { loadCommands } from '../../src/app/load-commands.js';
import { parseCommandLine } from '../../src/chat/parse-command.js';

const commands = await loadCommands();

describe('parseCommandLine', () => {
  it.each([
    ['/ask Where did they meet?', { name: 'ask', values: { question: 'Where did they meet?' } }],
    ['Where did they meet?', { name: 'ask', values: { question: 'Where did they meet?' } }],
    ['/ask question:Who spoke? story:paris private:true', { name: 'ask', values: { question: 'Who spoke?', story: 'paris', private: true } }],
    ['/ask What time is it? story: kerry talks', { name: 'ask', values: { question: 'What time is it?', story: 'kerry talks' } }],
    ['/caption 3', { name: 'caption', values: { number: 3 } }],
    ['/CAPTIONS page:2', { name: 'captions', values: { page: 2 } }],
    ['/sources', { name: 'sources', values: {} }],
  ])('reads %j as Discord would fill the options', (line, parsed) => {
    expect(parseCommandLine(line, commands)).toEqual(parsed);
  });

  it.each([
    ['/caption three', 'number must be a whole number; got "three".'],
    ['/ask', '/ask needs question (Your question, e.g. Where did Kerry and Lavrov meet?).'],
    ['/ask Where? private:maybe', 'private must be true or false; got "maybe".'],
    ['/sources everything', '/sources takes no options; type just /sources.'],
  ])('explains what is wrong with %j', (line, error) => {
    expect(parseCommandLine(line, commands)).toEqual({ error });
  });

  it('names the commands there are for an unknown one, leaving out the message menu', () => {
    expect(parseCommandLine('/nope', commands)).toEqual({
      error: 'There is no /nope. Commands: /ask, /caption, /captions, /feedback, /help, /reindex, /settings, /sources; help, quit.',
    });
  });
});
