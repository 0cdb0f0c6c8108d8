/** Text equality as the repeat rules judge it (same-as-adjacent, repeated-criterion). */
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 160;

/**
 * Equal ignoring case and runs of whitespace. Walks both strings once without allocating: this runs for
 * every pair of adjacent expectations, tens of thousands in a large framework.
 */
export function sameText(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca !== cb && a[i]?.toLowerCase() !== b[j]?.toLowerCase()) return false;
    i++;
    j++;
    // a run of spaces inside both texts counts as one separator: both sides must have one here
    const spaceA = i < a.length && isSpace(a.charCodeAt(i));
    const spaceB = j < b.length && isSpace(b.charCodeAt(j));
    if (spaceA !== spaceB && i < a.length && j < b.length) return false;
  }
}
