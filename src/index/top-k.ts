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
