// Which of several dropped files is the purchase log and which the item titles. Titles files are
// recognised by name (MovieLens u.item, items.csv, titles.tsv, products/meta…); the rest is the log.
const TITLES = /(^u\.item$|item|title|product|meta|catalog)/i;

export function splitDropped<T extends { name: string }>(files: T[]): { events: T | null; titles: T | null } {
  if (files.length === 0) return { events: null, titles: null };
  if (files.length === 1) return { events: files[0], titles: null };
  const titles = files.find((f) => TITLES.test(f.name)) ?? null;
  const events = files.find((f) => f !== titles) ?? null;
  return { events, titles };
}
