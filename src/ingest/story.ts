/** What kind of citable unit a passage is. */
export type UnitKind = 'caption' | 'paragraph' | 'credits';

/**
 * One citable unit of a story: a photo caption, a body paragraph or the
 * credits line. `text` is always `story.text.slice(start, end)`.
 */
export interface StoryUnit {
  kind: UnitKind;
  /** 1-based number within its kind (caption 3, paragraph 9); 1 for credits. */
  number: number;
  /** What a reader cites: `Photo caption 3`, `¶9`, `Credits`. */
  citation: string;
  start: number;
  end: number;
  text: string;
  /** Captions only: the photo credit, e.g. `REUTERS/Yannis Behrakis`. */
  credit?: string;
  /** Captions only: where the photo was taken, when the caption says. */
  place?: string;
  /** Captions only: the date the caption gives, e.g. `March 30, 2014`. */
  date?: string;
}

/** What a reader cites for the `number`-th unit of a kind: `Photo caption 3`, `¶9`, `Credits`. */
export function citationOf(kind: UnitKind, number: number): string {
  if (kind === 'credits') return 'Credits';
  return kind === 'caption' ? `Photo caption ${number}` : `¶${number}`;
}

/** Descriptive fields from a story's optional `<name>.json` sidecar. */
export interface StoryMeta {
  title?: string;
  url?: string;
  source?: string;
  date?: string;
}

/** A parsed story. Offsets in its units point into `text`, the file's exact content. */
export interface Story {
  /** Stable id: the file name without extension. */
  id: string;
  /** The file name inside the seeds folder. */
  file: string;
  title: string;
  /** `YYYY-MM-DD`, from the sidecar or the `date` header. */
  date?: string;
  url?: string;
  source?: string;
  /** The whole file, decoded as UTF-8, byte for byte. */
  text: string;
  units: StoryUnit[];
  /** sha256 of the file bytes (and sidecar), hex. */
  sha256: string;
}
