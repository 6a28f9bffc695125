import type { Chunk } from '../chunk/chunk.js';
import { citationOf, type Story, type StoryUnit, type UnitKind } from '../ingest/story.js';
import type { Pack } from './pack.js';

/** Unit kinds by the number the pack's `units` section stores. */
export const UNIT_KINDS: readonly UnitKind[] = ['caption', 'paragraph', 'credits'];
/** Numbers per unit in the `units` section: kind, number, start, end. */
export const UNIT_WIDTH = 4;
/** Numbers per chunk in the `chunks` section: story, unit, sentence, start, end. */
export const CHUNK_WIDTH = 5;

/** What a story keeps in the pack's JSON header; its text and units are sections. */
export interface StoryRecord extends Pick<Story, 'id' | 'file' | 'title' | 'date' | 'url' | 'source' | 'sha256'> {
  /** The text's length in UTF-16 code units (where it ends in the decoded `texts`). */
  chars: number;
}

/** A story's caption fields by unit index (kept in the pack's `captions` section, as JSON per story). */
export type CaptionFields = Record<number, Pick<StoryUnit, 'credit' | 'place' | 'date'>>;

/** The caption fields `json` holds (none for an empty string); throws, naming the story, on anything else. */
export function parseCaptions(json: string, record: StoryRecord): CaptionFields {
  if (json === '') return {};
  try {
    const fields: unknown = JSON.parse(json);
    if (fields && typeof fields === 'object' && !Array.isArray(fields)) return fields as CaptionFields;
  } catch {
    // reported below
  }
  throw new Error(`the captions of ${record.file} are damaged`);
}

/** A UTF-8 section holding one piece per story, and where each piece ends (`endsName`, bytes). */
export function pieces(pack: Pack, name: string, endsName: string, count: number): { piece(i: number): Uint8Array } {
  const ends = pack.u32(endsName);
  if (ends.length !== count || (count > 0 && ends[count - 1] !== pack.info(name).length)) throw new Error(`the ${endsName} do not match the stories`);
  for (let i = 1; i < count; i++) if (ends[i]! < ends[i - 1]!) throw new Error(`the ${endsName} are out of order`);
  return {
    piece: (i) => {
      const start = i === 0 ? 0 : ends[i - 1]!;
      return pack.slice(name, start, ends[i]! - start) as Uint8Array;
    },
  };
}

/** UTF-8 bytes as a string, through Buffer's decoder (several times faster than TextDecoder on large texts). */
export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The units of the story `record`, whose text is `text`, from `count` rows of the `units` section starting at `rows[at]`. */
export function unitsOf(record: StoryRecord, text: string, rows: Uint32Array, at: number, count: number, captions: CaptionFields): StoryUnit[] {
  const units: StoryUnit[] = [];
  for (let u = 0; u < count; u++) {
    const o = at + u * UNIT_WIDTH;
    if (o + UNIT_WIDTH > rows.length) throw new Error('the units do not match the unit counts');
    const kind = UNIT_KINDS[rows[o]!];
    const start = rows[o + 2]!;
    const end = rows[o + 3]!;
    if (!kind || end > text.length || start > end) throw new Error(`unit ${u} of ${record.file} is damaged`);
    const number = rows[o + 1]!;
    units.push({ kind, number, citation: citationOf(kind, number), start, end, text: text.slice(start, end), ...captions[u] });
  }
  return units;
}

/** Where each story's text, captions and units lie in a pack. */
interface StoryPlaces {
  pack: Pack;
  texts: { piece(i: number): Uint8Array };
  captions: { piece(i: number): Uint8Array };
  /** First row of story i in the `units` section. */
  firstUnit: Uint32Array;
  unitCounts: Uint32Array;
}

/**
 * A story whose text and units stay in the pack until first read, then are
 * kept: a one-shot ask over an archive decodes the few stories it quotes,
 * not all of them (issue #16).
 */
class PackedStory implements Story {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly sha256: string;
  date?: string;
  url?: string;
  source?: string;
  private decoded?: { text: string; units: StoryUnit[] };

  constructor(
    private readonly record: StoryRecord,
    private readonly places: StoryPlaces,
    private readonly position: number,
  ) {
    this.id = record.id;
    this.file = record.file;
    this.title = record.title;
    this.sha256 = record.sha256;
    if (record.date !== undefined) this.date = record.date;
    if (record.url !== undefined) this.url = record.url;
    if (record.source !== undefined) this.source = record.source;
  }

  get text(): string {
    return this.read().text;
  }

  get units(): StoryUnit[] {
    return this.read().units;
  }

  private read(): { text: string; units: StoryUnit[] } {
    if (this.decoded) return this.decoded;
    const { pack, texts, captions, firstUnit, unitCounts } = this.places;
    const i = this.position;
    const text = utf8(texts.piece(i));
    if (text.length !== this.record.chars) throw new Error(`the text of ${this.file} is damaged`);
    const rows = pack.slice('units', firstUnit[i]! * UNIT_WIDTH, unitCounts[i]! * UNIT_WIDTH) as Uint32Array;
    this.decoded = { text, units: unitsOf(this.record, text, rows, 0, unitCounts[i]!, parseCaptions(utf8(captions.piece(i)), this.record)) };
    return this.decoded;
  }
}

/** The stories of `records`, each read from the pack when first used (see {@link PackedStory}). */
export function packedStories(pack: Pack, records: readonly StoryRecord[], unitCounts: Uint32Array): Story[] {
  const firstUnit = new Uint32Array(records.length);
  let row = 0;
  for (let i = 0; i < records.length; i++) {
    firstUnit[i] = row;
    row += unitCounts[i]!;
  }
  if (row * UNIT_WIDTH !== pack.info('units').length) throw new Error('the units do not match the stories');
  const places: StoryPlaces = { pack, texts: pieces(pack, 'texts', 'textEnds', records.length), captions: pieces(pack, 'captions', 'captionEnds', records.length), firstUnit, unitCounts };
  return records.map((r, i) => new PackedStory(r, places, i));
}

/** A sentence whose kind, citation and text are its unit's and story's, read when first asked for. */
class PackedChunk implements Chunk {
  constructor(
    readonly id: number,
    readonly story: number,
    readonly unit: number,
    readonly sentence: number,
    readonly start: number,
    readonly end: number,
    private readonly of: Story,
  ) {}

  get kind(): UnitKind {
    return this.of.units[this.unit]!.kind;
  }

  get citation(): string {
    return this.of.units[this.unit]!.citation;
  }

  get text(): string {
    if (this.end > this.of.text.length) throw new Error(`chunk ${this.id} is damaged`);
    return this.of.text.slice(this.start, this.end);
  }
}

/**
 * An array of `length` elements, each made by `make(i)` the first time it is
 * read and kept: indexing, `length`, iteration and the array methods work as
 * on any array. For tables of hundreds of thousands of small objects of which
 * a one-shot ask reads a few hundred.
 */
export function lazyArray<T>(length: number, make: (i: number) => T): T[] {
  const made: T[] = new Array(length);
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string' || key.length === 0 || key.charCodeAt(0) < 48 || key.charCodeAt(0) > 57) return undefined;
    const i = Number(key);
    return Number.isInteger(i) && i < length && String(i) === key ? i : undefined;
  };
  return new Proxy(made, {
    get(target, key, receiver) {
      const i = indexOf(key);
      if (i === undefined) return Reflect.get(target, key, receiver);
      return (target[i] ??= make(i));
    },
    has(target, key) {
      return indexOf(key) !== undefined || Reflect.has(target, key);
    },
  });
}

/** The chunks of the `chunks` section over `stories` (as {@link packedStories} gives them), each made when first read. */
export function packedChunks(rows: Uint32Array, stories: readonly Story[], unitCounts: Uint32Array): Chunk[] {
  return lazyArray(rows.length / CHUNK_WIDTH, (id) => {
    const o = id * CHUNK_WIDTH;
    const story = rows[o]!;
    const unit = rows[o + 1]!;
    const start = rows[o + 3]!;
    const end = rows[o + 4]!;
    if (story >= stories.length || unit >= unitCounts[story]! || start > end) throw new Error(`chunk ${id} is damaged`);
    return new PackedChunk(id, story, unit, rows[o + 2]!, start, end, stories[story]!);
  });
}

/** {@link unitTableOfCounts}, its rows made when first read. */
export function packedUnitTable(unitCounts: Uint32Array): { units: [number, number][]; unitRow: number[][] } {
  const firstUnit = new Uint32Array(unitCounts.length + 1);
  for (let s = 0; s < unitCounts.length; s++) firstUnit[s + 1] = firstUnit[s]! + unitCounts[s]!;
  const storyOf = (row: number) => {
    let lo = 0;
    let hi = unitCounts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstUnit[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    units: lazyArray(firstUnit[unitCounts.length]!, (row): [number, number] => {
      const s = storyOf(row);
      return [s, row - firstUnit[s]!];
    }),
    unitRow: lazyArray(unitCounts.length, (s) => Array.from({ length: unitCounts[s]! }, (_, u) => firstUnit[s]! + u)),
  };
}
