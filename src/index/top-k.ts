/**
 * The `k` best of `ids` by `score` (higher first, ties by smaller id), best
 * first, without sorting them all: a bounded min-heap, O(n log k).
 */
export function topK(ids: ArrayLike<number>, score: (id: number) => number, k: number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  // a is worse than b: lower score, or same score and larger id
  const worse = (a: number, b: number) => { const d = score(a) - score(b); return d < 0 || (d === 0 && a > b); };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n]!;
    if (heap.length < k) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, id)) {
      heap[0] = id;
      down(0);
    }
  }
  return heap.sort((a, b) => score(b) - score(a) || a - b);
}

/**
 * The k-th largest of `scores[ids[i]]` (k ≥ 1, at most `ids.length`): a
 * bounded min-heap of the values alone, no ids, closures or sort, for
 * callers that need the threshold, not the winners (BM25's pruning asks for
 * it several times per question).
 */
export function kthLargest(ids: ArrayLike<number>, scores: ArrayLike<number>, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let n = 0; n < ids.length; n++) {
    const x = scores[ids[n]!]!;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p]! <= x) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = x;
    } else if (x > heap[0]!) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k) break;
        const c = l + 1 < k && heap[l + 1]! < heap[l]! ? l + 1 : l;
        if (heap[c]! >= x) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = x;
    }
  }
  return heap[0]!;
}

/**
 * The `k` best of a stream of (id, score) pairs, fed one at a time without
 * keeping the rest: a bounded min-heap in typed arrays (for scans of every
 * vector). Higher scores first; ties go to the smaller id.
 */
export class BestScores {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(0, k));
    this.ids = new Int32Array(Math.max(0, k));
  }

  /** The worst score kept once `k` are kept (−∞ before): a score must beat it to get in. */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  /** Offers `id` with `score`; kept if among the `k` best so far. */
  push(id: number, score: number): void {
    if (this.k <= 0) return;
    const s = this.scores;
    const ids = this.ids;
    if (this.size < this.k) {
      s[this.size] = score;
      ids[this.size] = id;
      for (let c = this.size++; c > 0 && this.worse(c, (c - 1) >> 1); c = (c - 1) >> 1) this.swap(c, (c - 1) >> 1);
      return;
    }
    if (score < s[0]! || (score === s[0] && id > ids[0]!)) return;
    s[0] = score;
    ids[0] = id;
    for (let p = 0; ; ) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === p) return;
      this.swap(p, m);
      p = m;
    }
  }

  /** What is kept, best first. */
  sorted(): { id: number; score: number }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({ id: this.ids[i]!, score: this.scores[i]! }));
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private worse(a: number, b: number): boolean {
    const s = this.scores;
    return s[a]! < s[b]! || (s[a] === s[b] && this.ids[a]! > this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    const s = this.scores;
    const ids = this.ids;
    const score = s[a]!;
    s[a] = s[b]!;
    s[b] = score;
    const id = ids[a]!;
    ids[a] = ids[b]!;
    ids[b] = id;
  }
}
