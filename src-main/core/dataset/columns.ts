// Header names map to roles by meaning: the same log arrives as `userId` from MovieLens,
// `reviewerID` from Amazon and `user_id:token` from RecBole, and analysts should not have
// to rename columns before opening a file.

import { InputError } from '../errors';

export type Role = 'user' | 'item' | 'rating' | 'timestamp';
export type ColumnRole = Role | '_';

const ALIASES: Record<Role, readonly string[]> = {
  user: ['user', 'userid', 'reviewerid', 'customerid', 'visitorid'],
  item: ['item', 'itemid', 'movieid', 'asin', 'productid', 'product'],
  rating: ['rating', 'overall', 'score', 'stars'],
  timestamp: ['timestamp', 'time', 'unixreviewtime', 'ts', 'date', 'datetime'],
};

/** `user_id:token` -> `userid`; ` Product ID` -> `productid`. */
export function normaliseName(name: string): string {
  const withoutType = name.trim().replace(/:(token|float|token_seq|float_seq)$/i, '');
  return withoutType.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function roleOfName(name: string): Role | undefined {
  const n = normaliseName(name);
  for (const role of Object.keys(ALIASES) as Role[]) {
    if (ALIASES[role].includes(n)) return role;
  }
  return undefined;
}

/** Column index of each role; -1 where the file lacks it. */
export interface ColumnMap {
  user: number;
  item: number;
  rating: number;
  timestamp: number;
  width: number;
}

/** Maps a header row, or returns undefined when it is not a header we recognise. */
export function mapHeader(fields: readonly string[]): ColumnMap | undefined {
  const map: ColumnMap = { user: -1, item: -1, rating: -1, timestamp: -1, width: fields.length };
  let found = 0;
  fields.forEach((f, i) => {
    const role = roleOfName(f);
    if (role && map[role] === -1) {
      map[role] = i;
      found++;
    }
  });
  return found > 0 ? map : undefined;
}

/** Column order for headerless files (MovieLens u.data / ratings.dat, Amazon ratings-only CSV). */
export function positionalMap(width: number): ColumnMap | undefined {
  if (width === 4) return { user: 0, item: 1, rating: 2, timestamp: 3, width };
  if (width === 3) return { user: 0, item: 1, rating: -1, timestamp: 2, width };
  return undefined;
}

/**
 * `--columns user,item,rating,timestamp,_,_`. A bad spec is the caller's to fix, so it is an
 * InputError (exit 2, HTTP 400) naming the option and the position of the bad name.
 */
export function parseColumnsOption(spec: string): ColumnMap {
  const parts = spec.split(',').map((s) => s.trim());
  const map: ColumnMap = { user: -1, item: -1, rating: -1, timestamp: -1, width: parts.length };
  parts.forEach((p, i) => {
    if (p === '_' || p === '') return;
    const role = roleOfName(p);
    if (!role) throw new InputError(`--columns "${spec}": column ${i + 1} "${p}" is not one of user, item, rating, timestamp or _`);
    if (map[role] !== -1) throw new InputError(`--columns "${spec}": columns ${map[role] + 1} and ${i + 1} both name ${role}`);
    map[role] = i;
  });
  if (map.user === -1 || map.item === -1) throw new InputError(`--columns "${spec}" must name at least user and item`);
  return map;
}

export function describeMissing(map: ColumnMap): string | undefined {
  if (map.user === -1) return 'no user column (expected one of: user, user_id, userId, reviewerID)';
  if (map.item === -1) return 'no item column (expected one of: item, item_id, itemId, movieId, asin, product_id)';
  return undefined;
}
