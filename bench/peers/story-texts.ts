import fs from 'node:fs/promises';
import path from 'node:path';

/** One story file as a peer reads it: the whole text, no parsing. */
export interface StoryText {
  /** File name inside the seeds folder. */
  file: string;
  text: string;
}

/** The `*.txt` and `*.md` stories of `seedsDir` (the files Dateline indexes), in name order. */
export async function readStoryTexts(seedsDir: string): Promise<StoryText[]> {
  const names = (await fs.readdir(seedsDir)).filter((n) => /\.(txt|md)$/.test(n)).sort();
  return Promise.all(names.map(async (file) => ({ file, text: await fs.readFile(path.join(seedsDir, file), 'utf8') })));
}
