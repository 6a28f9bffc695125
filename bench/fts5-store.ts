import Database from 'better-sqlite3';
import type { Bm25Parts } from '../src/index/lexical.js';
import { StringTable } from '../src/text/string-table.js';

/**
 * SQLite FTS5 over Dateline's own pre-computed index terms (stems, `abcde*`
 * prefixes, `a_b` bigrams), for comparing an existing engine with the pack.
 * Each document is its terms joined by spaces. The `ascii` tokenizer with
 * `_` and `*` as token characters keeps every term intact: our terms are
 * lower-cased letters and digits (any non-ASCII letter is a token character
 * to it) plus those two, so FTS5's vocabulary is exactly ours (the test and
 * the bench check it with `fts5vocab`). The table is contentless (the
 * sentences live elsewhere) with `detail=full`: with `column` or `none`
 * FTS5 no longer knows a term's frequency in a document and bm25() scores
 * every match 0.
 */
export const FTS5_TABLE = `CREATE VIRTUAL TABLE docs USING fts5(terms, content='', detail=full, tokenize="ascii tokenchars '_*'")`;

/** A MATCH expression for any of `query`'s terms, each quoted (so `marri*` is the term, not a prefix query); a repeated term counts twice in bm25(), as in ours. */
export function ftsMatch(query: readonly string[]): string {
  return query.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}

/**
 * A lexical store in an FTS5 table, document `i` at rowid `i`, ranked by
 * FTS5's bm25() (k1 = 1.2, b = 0.75 and idf = ln((N − n + 0.5)/(n + 0.5)),
 * all fixed by SQLite; Dateline's are 1.2, 0.5 and ln(1 + …)).
 */
export class Fts5LexicalStore {
  private readonly top: Database.Statement<[string, number], { rowid: number }>;
  private readonly all: Database.Statement<[string], { rowid: number }>;
  private dfStatement?: Database.Statement<[string], { doc: number }>;
  private oneStatement?: Database.Statement<[string, bigint], { score: number }>;

  private constructor(readonly db: Database.Database) {
    this.top = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?');
    this.all = db.prepare('SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid');
  }

  /**
   * Builds the store into `file` (which must not exist; `:memory:` for a
   * test) from each document's terms: one transaction of inserts, then
   * FTS5's `optimize` (one b-tree per term, as a served archive would keep
   * it) and `VACUUM` (no free pages left on disk).
   */
  static build(file: string, docs: readonly (readonly string[])[]): Fts5LexicalStore {
    const db = new Database(file);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(FTS5_TABLE);
    const insert = db.prepare<[number, string]>('INSERT INTO docs(rowid, terms) VALUES (?, ?)');
    db.transaction(() => docs.forEach((terms, doc) => insert.run(doc, terms.join(' '))))();
    db.exec("INSERT INTO docs(docs) VALUES ('optimize')");
    db.exec('VACUUM');
    return new Fts5LexicalStore(db);
  }

  /** Opens a store {@link Fts5LexicalStore.build} wrote, read-only. */
  static open(file: string): Fts5LexicalStore {
    return new Fts5LexicalStore(new Database(file, { readonly: true, fileMustExist: true }));
  }

  /** The `k` best documents for the query terms by bm25(), best first. */
  search(query: readonly string[], k: number): number[] {
    return query.length === 0 ? [] : this.top.all(ftsMatch(query), k).map((r) => r.rowid);
  }

  /** Every document holding one of the query terms, by id. */
  matches(query: readonly string[]): number[] {
    return query.length === 0 ? [] : this.all.all(ftsMatch(query)).map((r) => r.rowid);
  }

  /** The terms FTS5 indexed, with the number of documents holding each (read through `fts5vocab`). */
  vocabulary(): Map<string, number> {
    this.vocab();
    const rows = this.db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM temp.vocab').all();
    return new Map(rows.map((r) => [r.term, r.doc]));
  }

  /** Documents holding `term`, looked up in `fts5vocab` (bm25() keeps its idf to itself). */
  df(term: string): number {
    return this.dfOf.get(term)?.doc ?? 0;
  }

  /**
   * bm25() of one document for the query, negated so that higher is better
   * (0 when it holds no query term): FTS5's parameters, not Dateline's. The
   * rowid is bound as an integer: FTS5 silently drops a `rowid = ?`
   * constraint whose value is a REAL, which is how better-sqlite3 binds a
   * JavaScript number, and would return every match.
   */
  score(query: readonly string[], doc: number): number {
    return query.length === 0 ? 0 : -(this.one.get(ftsMatch(query), BigInt(doc))?.score ?? -0);
  }

  private vocab(): void {
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, 'row')");
  }

  private get dfOf(): Database.Statement<[string], { doc: number }> {
    this.vocab();
    return (this.dfStatement ??= this.db.prepare('SELECT doc FROM temp.vocab WHERE term = ?'));
  }

  private get one(): Database.Statement<[string, bigint], { score: number }> {
    return (this.oneStatement ??= this.db.prepare('SELECT bm25(docs) AS score FROM docs WHERE docs MATCH ? AND rowid = ?'));
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Each document's terms recovered from a lexical index's stored form (term
 * `t` repeated tf times, terms in id order): the very terms the index was
 * built from, as a bag, which is all BM25 looks at.
 */
export function docsOfParts(parts: Bm25Parts): string[][] {
  const terms = new StringTable(parts.terms);
  const docs: string[][] = Array.from({ length: parts.lengths.length }, () => []);
  for (let t = 0; t < terms.size; t++) {
    const term = terms.value(t);
    for (let i = parts.starts[t]!; i < parts.starts[t + 1]!; i += 2) {
      const doc = docs[parts.postings[i]!]!;
      for (let n = parts.postings[i + 1]!; n > 0; n--) doc.push(term);
    }
  }
  docs.forEach((d, i) => {
    if (d.length !== parts.lengths[i]) throw new Error(`document ${i} has ${d.length} terms in its postings but length ${parts.lengths[i]}`);
  });
  return docs;
}
