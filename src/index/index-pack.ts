import type { Chunk } from '../chunk/chunk.js';
import type { Story, StoryUnit } from '../ingest/story.js';
import { unitTableOfCounts, type CorpusIndex } from './corpus-index.js';
import { Bm25Index, type Bm25Params } from './lexical.js';
import { Lexicon } from '../text/lexicon.js';
import { Pack, packParts, type SectionArray } from './pack.js';
import { quantiseRows, type QuantisedRows } from './quantised-scan.js';
import { MemoryVectorTable, PackVectorTable } from './vector-table.js';
import { CHUNK_WIDTH, packedChunks, packedStories, packedUnitTable, parseCaptions, pieces, UNIT_KINDS, UNIT_WIDTH, unitsOf, utf8, type CaptionFields, type StoryRecord } from './packed-stories.js';

/** The file of a generation that holds everything but the vector graph. */
export const PACK_FILE = 'index.pack';

interface PackMeta {
  stories: StoryRecord[];
  bm25: { chunks: Bm25Params; units: Bm25Params };
}

/** What a pack holds: a {@link CorpusIndex} without its manifest and vector graph. */
export type PackedIndex = Omit<CorpusIndex, 'manifest' | 'vector'>;

function storyRecord(story: Story): StoryRecord {
  const record: StoryRecord = { id: story.id, file: story.file, title: story.title, sha256: story.sha256, chars: story.text.length };
  if (story.date !== undefined) record.date = story.date;
  if (story.url !== undefined) record.url = story.url;
  if (story.source !== undefined) record.source = story.source;
  return record;
}

/** A story's caption fields by unit index, as JSON (empty when it has none). */
function captionsJson(story: Story): string {
  const captions: CaptionFields = {};
  story.units.forEach((u, i) => {
    if (u.credit === undefined && u.place === undefined && u.date === undefined) return;
    const fields: Pick<StoryUnit, 'credit' | 'place' | 'date'> = {};
    if (u.credit !== undefined) fields.credit = u.credit;
    if (u.place !== undefined) fields.place = u.place;
    if (u.date !== undefined) fields.date = u.date;
    captions[i] = fields;
  });
  return Object.keys(captions).length > 0 ? JSON.stringify(captions) : '';
}

/** Strings as one UTF-8 section and where each ends in it, in bytes (so one can be read alone). */
function joined(strings: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(strings.length);
  let at = 0;
  strings.forEach((s, i) => (ends[i] = at += Buffer.byteLength(s, 'utf8')));
  return { bytes: new TextEncoder().encode(strings.join('')), ends };
}

/** The pieces of the pack file of `index` (see `packParts`). */
export function indexPackParts(index: PackedIndex): Uint8Array[] {
  const units = new Uint32Array(index.units.length * UNIT_WIDTH);
  index.units.forEach(([s, u], row) => {
    const unit = index.stories[s]!.units[u]!;
    units.set([UNIT_KINDS.indexOf(unit.kind), unit.number, unit.start, unit.end], row * UNIT_WIDTH);
  });
  const chunks = new Uint32Array(index.chunks.length * CHUNK_WIDTH);
  index.chunks.forEach((c, i) => chunks.set([c.story, c.unit, c.sentence, c.start, c.end], i * CHUNK_WIDTH));
  const lexical = (name: string, bm25: Bm25Index): Record<string, SectionArray> => {
    const p = bm25.parts();
    return { [`${name}.lengths`]: p.lengths, [`${name}.terms`]: p.terms, [`${name}.starts`]: p.starts, [`${name}.postings`]: p.postings };
  };
  const meta: PackMeta = {
    stories: index.stories.map(storyRecord),
    bm25: { chunks: (index.lexical as Bm25Index).params, units: (index.unitLexical as Bm25Index).params },
  };
  const lexicon = index.lexicon.entries();
  const vectors = index.vectors.flat();
  const { codes, scales } = quantiseRows(vectors, index.vectors.dimension);
  const texts = joined(index.stories.map((s) => s.text));
  const captions = joined(index.stories.map(captionsJson));
  return packParts(meta, {
    'lexicon.words': new TextEncoder().encode(lexicon.words.join('\n')),
    'lexicon.counts': lexicon.counts,
    'lexicon.capitalised': lexicon.capitalised,
    texts: texts.bytes,
    textEnds: texts.ends,
    captions: captions.bytes,
    captionEnds: captions.ends,
    unitCounts: Uint32Array.from(index.stories.map((s) => s.units.length)),
    units,
    chunks,
    vectors,
    'vectors.codes': codes,
    'vectors.scales': scales,
    unitVectors: index.unitVectors.flat(),
    labels: index.vectorLabels,
    ...lexical('chunks', index.lexical as Bm25Index),
    ...lexical('units', index.unitLexical as Bm25Index),
  });
}

/** Every story, its text decoded and its units built now. */
function decodedStories(pack: Pack, records: readonly StoryRecord[], unitCounts: Uint32Array): Story[] {
  const text = utf8(pack.u8('texts'));
  const unitRows = pack.u32('units');
  const captions = pieces(pack, 'captions', 'captionEnds', records.length);
  let at = 0;
  let row = 0;
  const stories = records.map((r, s): Story => {
    const storyText = text.slice(at, at + r.chars);
    at += r.chars;
    const units = unitsOf(r, storyText, unitRows, row * UNIT_WIDTH, unitCounts[s]!, parseCaptions(utf8(captions.piece(s)), r));
    row += unitCounts[s]!;
    const story: Story = { id: r.id, file: r.file, title: r.title, text: storyText, units, sha256: r.sha256 };
    if (r.date !== undefined) story.date = r.date;
    if (r.url !== undefined) story.url = r.url;
    if (r.source !== undefined) story.source = r.source;
    return story;
  });
  if (at !== text.length || row * UNIT_WIDTH !== unitRows.length) throw new Error('the texts or units do not match the stories');
  return stories;
}

/** Every chunk of the `chunks` section, with its text, now. */
function decodedChunks(rows: Uint32Array, stories: readonly Story[]): Chunk[] {
  const chunks: Chunk[] = new Array(rows.length / CHUNK_WIDTH);
  for (let id = 0; id < chunks.length; id++) {
    const o = id * CHUNK_WIDTH;
    const story = stories[rows[o]!];
    const unit = story?.units[rows[o + 1]!];
    const start = rows[o + 3]!;
    const end = rows[o + 4]!;
    if (!story || !unit || end > story.text.length) throw new Error(`chunk ${id} is damaged`);
    chunks[id] = { id, story: rows[o]!, unit: rows[o + 1]!, sentence: rows[o + 2]!, kind: unit.kind, citation: unit.citation, start, end, text: story.text.slice(start, end) };
  }
  return chunks;
}

/**
 * Where a loaded index keeps its bulky parts: `memory` reads the vectors
 * whole and decodes every story (a long-running process answers many
 * questions from them); `pack` leaves them in the pack and reads the vector
 * rows a question scores and the stories it quotes, when it does (a
 * one-shot ask, which then scans the byte codes: {@link readQuantised}).
 */
export type PackPlacement = 'memory' | 'pack';

/**
 * Reads what `indexPackParts` wrote, checking that the sections agree with
 * each other and with `dimension`. Throws when they do not (a damaged index).
 * The lexical postings stay where the pack is (read per query when on disk),
 * and so do the vectors and the stories when `placement` is `pack`.
 */
export function readIndexPack(pack: Pack, dimension: number, placement: PackPlacement = 'memory'): PackedIndex {
  const meta = pack.meta as PackMeta;
  if (!Array.isArray(meta?.stories) || !meta.bm25) throw new Error('the pack header lists no stories');
  const unitCounts = pack.u32('unitCounts');
  if (unitCounts.length !== meta.stories.length) throw new Error('the unit counts do not match the stories');
  const stories = placement === 'pack' ? packedStories(pack, meta.stories, unitCounts) : decodedStories(pack, meta.stories, unitCounts);
  const rows = pack.u32('chunks');
  const chunks = placement === 'pack' ? packedChunks(rows, stories, unitCounts) : decodedChunks(rows, stories);
  const table = (name: string) => (placement === 'pack' ? new PackVectorTable(pack, name, dimension) : new MemoryVectorTable(pack.f32(name), dimension));
  const vectors = table('vectors');
  const unitVectors = table('unitVectors');
  if (vectors.count !== chunks.length || pack.info('vectors').length !== chunks.length * dimension) throw new Error('chunk vectors do not match the chunk count');
  const { units, unitRow } = placement === 'pack' ? packedUnitTable(unitCounts) : unitTableOfCounts(unitCounts);
  if (unitVectors.count !== units.length || pack.info('unitVectors').length !== units.length * dimension) throw new Error('unit vectors do not match the unit count');
  const labels = pack.i32('labels');
  for (const c of labels) if (c >= chunks.length) throw new Error('the vector labels name chunks that do not exist');
  const words = utf8(pack.u8('lexicon.words'));
  const lexicon = Lexicon.fromEntries(words === '' ? [] : words.split('\n'), pack.u32('lexicon.counts'), pack.u32('lexicon.capitalised'));
  return {
    lexicon,
    stories,
    chunks,
    vectors,
    unitVectors,
    units,
    unitRow,
    vectorLabels: labels,
    lexical: Bm25Index.open(pack, 'chunks', meta.bm25.chunks),
    unitLexical: Bm25Index.open(pack, 'units', meta.bm25.units),
  };
}


/** The byte codes of the sentence vectors that `indexPackParts` wrote (for `QuantisedVectorIndex`). */
export function readQuantised(pack: Pack): QuantisedRows {
  return { codes: pack.i8('vectors.codes'), scales: pack.f32('vectors.scales') };
}
