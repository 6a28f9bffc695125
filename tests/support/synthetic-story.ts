const WORDS = 'the minister said talks in paris would continue while troops gathered near the border and diplomats urged calm across the region after weeks of tension'.split(' ');

/**
 * About `bytes` of plain English-like story text (numbered sentences in
 * paragraphs of five), to make an index that takes seconds to build.
 */
export function syntheticStory(bytes: number, title = 'Archive of the talks'): string {
  const paragraphs: string[] = [];
  let size = title.length;
  for (let i = 0; size < bytes; i += 5) {
    const sentences = Array.from({ length: 5 }, (_, k) => {
      const n = i + k;
      const words = Array.from({ length: 14 }, (_, w) => WORDS[(n * 7 + w * 13) % WORDS.length]);
      return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())} in report ${n}.`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}
