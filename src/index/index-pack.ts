import type { Chunk } from '../chunk/chunk.js';
import { citationOf, type Story, type StoryUnit, type UnitKind } from '../ingest/story.js';
import { unitTable, type CorpusIndex } from './corpus-index.js';
import { Bm25Index, type Bm25Params } from './lexical.js';
import { Lexicon } from '../text/lexicon.js';
import { Pack, packParts, type SectionArray } from './pack.js';

/** The file of a generation that holds everything but the vector graph. */
export const PACK_FILE = 'index.pack';

const KINDS: readonly UnitKind[] = ['caption', 'paragraph', 'credits'];
/** Numbers per unit in the `units` section: kind, number, start, end. */
const UNIT_WIDTH = 4;
/** Numbers per chunk in the `chunks` section: story, unit, sentence, start, end. */
const CHUNK_WIDTH = 5;

/** What a story keeps in the pack's JSON header; its text and units are sections. */
interface StoryRecord extends Pick<Story, 'id' | 'file' | 'title' | 'date' | 'url' | 'source' | 'sha256'> {
  /** The text's length in UTF-16 code units (where it ends in the decoded `texts`). */
  chars: number;
  /** Caption fields by unit index. */
  captions?: Record<number, Pick<StoryUnit, 'credit' | 'place' | 'date'>>;
}

interface PackMeta {
  stories: StoryRecord[];
  bm25: { chunks: Bm25Params; units: Bm25Params };
}

/** UTF-8 bytes as a string, through Buffer's decoder (several times faster than TextDecoder on large texts). */
function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** What a pack holds: a {@link CorpusIndex} without its manifest and vector graph. */
export type PackedIndex = Omit<CorpusIndex, 'manifest' | 'vector'>;

function storyRecord(story: Story): StoryRecord {
  const record: StoryRecord = { id: story.id, file: story.file, title: story.title, sha256: story.sha256, chars: story.text.length };
  if (story.date !== undefined) record.date = story.date;
  if (story.url !== undefined) record.url = story.url;
  if (story.source !== undefined) record.source = story.source;
  const captions: NonNullable<StoryRecord['captions']> = {};
  story.units.forEach((u, i) => {
    if (u.credit === undefined && u.place === undefined && u.date === undefined) return;
    const fields: Pick<StoryUnit, 'credit' | 'place' | 'date'> = {};
    if (u.credit !== undefined) fields.credit = u.credit;
    if (u.place !== undefined) fields.place = u.place;
    if (u.date !== undefined) fields.date = u.date;
    captions[i] = fields;
  });
  if (Object.keys(captions).length > 0) record.captions = captions;
  return record;
}

/** The pieces of the pack file of `index` (see `packParts`). */
export function indexPackParts(index: PackedIndex): Uint8Array[] {
  const units = new Uint32Array(index.units.length * UNIT_WIDTH);
  index.units.forEach(([s, u], row) => {
    const unit = index.stories[s]!.units[u]!;
    units.set([KINDS.indexOf(unit.kind), unit.number, unit.start, unit.end], row * UNIT_WIDTH);
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
  return packParts(meta, {
    'lexicon.words': new TextEncoder().encode(lexicon.words.join('\n')),
    'lexicon.counts': lexicon.counts,
    'lexicon.capitalised': lexicon.capitalised,
    texts: new TextEncoder().encode(index.stories.map((s) => s.text).join('')),
    unitCounts: Uint32Array.from(index.stories.map((s) => s.units.length)),
    units,
    chunks,
    vectors: index.vectors,
    unitVectors: index.unitVectors,
    labels: index.vectorLabels,
    ...lexical('chunks', index.lexical as Bm25Index),
    ...lexical('units', index.unitLexical as Bm25Index),
  });
}

/**
 * Reads what `indexPackParts` wrote, checking that the sections agree with
 * each other and with `dimension`. Throws when they do not (a damaged index).
 * The lexical postings stay where the pack is (read per query when on disk).
 */
export function readIndexPack(pack: Pack, dimension: number): PackedIndex {
  const meta = pack.meta as PackMeta;
  if (!Array.isArray(meta?.stories) || !meta.bm25) throw new Error('the pack header lists no stories');
  const text = utf8(pack.u8('texts'));
  const unitCounts = pack.u32('unitCounts');
  const unitRows = pack.u32('units');
  if (unitCounts.length !== meta.stories.length) throw new Error('the unit counts do not match the stories');
  let at = 0;
  let row = 0;
  const stories: Story[] = meta.stories.map((r, s) => {
    const storyText = text.slice(at, at + r.chars);
    at += r.chars;
    const units: StoryUnit[] = [];
    for (let u = 0; u < unitCounts[s]!; u++, row++) {
      const o = row * UNIT_WIDTH;
      if (o + UNIT_WIDTH > unitRows.length) throw new Error('the units do not match the unit counts');
      const kind = KINDS[unitRows[o]!];
      const start = unitRows[o + 2]!;
      const end = unitRows[o + 3]!;
      if (!kind || end > storyText.length || start > end) throw new Error(`unit ${u} of ${r.file} is damaged`);
      const number = unitRows[o + 1]!;
      units.push({ kind, number, citation: citationOf(kind, number), start, end, text: storyText.slice(start, end), ...r.captions?.[u] });
    }
    const story: Story = { id: r.id, file: r.file, title: r.title, text: storyText, units, sha256: r.sha256 };
    if (r.date !== undefined) story.date = r.date;
    if (r.url !== undefined) story.url = r.url;
    if (r.source !== undefined) story.source = r.source;
    return story;
  });
  if (at !== text.length || row * UNIT_WIDTH !== unitRows.length) throw new Error('the texts or units do not match the stories');
  const rows = pack.u32('chunks');
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
  const vectors = pack.f32('vectors');
  const unitVectors = pack.f32('unitVectors');
  if (vectors.length !== chunks.length * dimension) throw new Error('chunk vectors do not match the chunk count');
  const { units, unitRow } = unitTable(stories);
  if (unitVectors.length !== units.length * dimension) throw new Error('unit vectors do not match the unit count');
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

