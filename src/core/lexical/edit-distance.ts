/**
 * Optimal-string-alignment distance (Levenshtein + adjacent transposition),
 * giving up as soon as it must exceed `max`: returns max + 1 then.
 * "postgers" → "postgres" is 1, as a typist would count it.
 */
// Three DP rows reused across calls: a fuzzy lookup runs this over thousands of terms.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rows[0].length < n + 1) rows = rows.map(() => new Int32Array(n + 1));
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] > max ? max + 1 : prev[n];
}

/** Typos allowed for a term of this length: none for short terms, where any edit makes another word. */
export function typoBudget(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}
