/**
 * a[ao .. ao+n) . b[0 .. n) with four partial sums, which break the add-latency chain of a
 * dot product (V8 runs it ~1.5x faster than the plain loop); n4 = n - n % 4. Shared by the
 * training kernel and the scoring loops.
 */
export function dot4(a: Float64Array, ao: number, b: Float64Array, n: number, n4: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d < n4; d += 4) {
    s0 += a[ao + d] * b[d];
    s1 += a[ao + d + 1] * b[d + 1];
    s2 += a[ao + d + 2] * b[d + 2];
    s3 += a[ao + d + 3] * b[d + 3];
  }
  for (; d < n; d++) s0 += a[ao + d] * b[d];
  return s0 + s1 + (s2 + s3);
}
