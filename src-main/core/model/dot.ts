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

/**
 * out[outAt + k] = rows[(firstRow + k) * n ..] . q for k < count: one item against every memory
 * slot. Four slots at a time share each load of the item's coordinates, the inner loop of both
 * full-catalogue scoring and explanations.
 */
export function dotsWithRows(
  rows: Float64Array,
  firstRow: number,
  count: number,
  q: Float64Array,
  n: number,
  n4: number,
  out: Float64Array,
  outAt: number,
): void {
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const o0 = (firstRow + k) * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < n; d++) {
      const x = q[d];
      s0 += rows[o0 + d] * x;
      s1 += rows[o1 + d] * x;
      s2 += rows[o2 + d] * x;
      s3 += rows[o3 + d] * x;
    }
    out[outAt + k] = s0;
    out[outAt + k + 1] = s1;
    out[outAt + k + 2] = s2;
    out[outAt + k + 3] = s3;
  }
  for (; k < count; k++) out[outAt + k] = dot4(rows, (firstRow + k) * n, q, n, n4);
}
