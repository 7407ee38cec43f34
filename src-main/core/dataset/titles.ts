import { decodeHTML } from 'entities';
import { normaliseName, roleOfName } from './columns';

const TITLE_NAMES = ['title', 'name', 'description', 'movietitle', 'productname', 'itemname', 'producttitle'];
const EXTRA_ID_NAMES = ['id', 'itemid', 'productid'];

export interface TitleColumns {
  id: number;
  title: number;
  header: boolean;
}

/**
 * Picks the id and title columns of a titles file. With a header, by name (so the Amazon
 * metadata's `Product ID,Description,...` works); without one, the first two columns, which
 * is MovieLens u.item's `id|title|date|...`.
 */
export function planTitleColumns(first: readonly string[]): TitleColumns | undefined {
  const names = first.map(normaliseName);
  const title = names.findIndex((n) => TITLE_NAMES.includes(n));
  const id = names.findIndex((n, i) => i !== title && (roleOfName(first[i]) === 'item' || EXTRA_ID_NAMES.includes(n)));
  if (title >= 0 && id >= 0) return { id, title, header: true };
  if (title >= 0 || id >= 0) return undefined; // a header we half understand: refuse rather than guess
  if (first.length >= 2) return { id: 0, title: 1, header: false };
  return undefined;
}

/** Titles arrive with entities (`&quot;`, `&amp;`, `&#39;`) from web scrapes; store plain text. */
export function cleanTitle(raw: string): string {
  return decodeHTML(raw).replace(/\s+/g, ' ').trim();
}
