import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMiniSearch, loadMiniSearch, saveMiniSearch, searchSentences, sentencesOf } from '../../../bench/peers/minisearch-store.js';
import { readStoryTexts } from '../../../bench/peers/story-texts.js';
import { SECOND_STORY, tempDir, twoStoriesFolder } from '../../support/fixtures.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

describe('the MiniSearch peer', () => {
  it('splits a story into its paragraphs’ sentences, never across a blank line', () => {
    expect(sentencesOf('First one. Second one?\n\nA new paragraph without a stop\n\nLast! ')).toEqual(['First one.', 'Second one?', 'A new paragraph without a stop', 'Last!']);
  });

  it('reads the stories Dateline indexes (*.txt, *.md), not their sidecars', async () => {
    const dir = await twoStoriesFolder();
    dirs.push(dir);
    await fs.writeFile(path.join(dir, 'notes.md'), 'A markdown story.\n');
    const files = (await readStoryTexts(dir)).map((s) => s.file);
    expect(files).toEqual(['2014-03-30-kerry-lavrov-paris.txt', `${SECOND_STORY.id}.txt`, 'notes.md']);
  });

  it('finds an exact sentence first, before and after saving and MiniSearch.loadJSON', async () => {
    const dir = await twoStoriesFolder();
    dirs.push(dir);
    const search = buildMiniSearch(await readStoryTexts(dir));
    const sentence = 'The harbour master in Peniche said waves of up to seven metres were expected until Tuesday.';
    expect(searchSentences(search, sentence)[0]).toBe(sentence);
    const store = await tempDir('dateline-minisearch-');
    dirs.push(store);
    await saveMiniSearch(search, store);
    const loaded = await loadMiniSearch(store);
    expect(searchSentences(loaded, sentence)).toEqual(searchSentences(search, sentence));
    expect(searchSentences(loaded, 'Where did Kerry and Lavrov meet?', 3)).toHaveLength(3);
  });

  it('returns nothing when no word of the question is in the stories', async () => {
    const search = buildMiniSearch([{ file: 'a.txt', text: 'Boats stayed in port.' }]);
    expect(searchSentences(search, 'xylophone quartz')).toEqual([]);
  });
});
