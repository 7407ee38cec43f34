import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState } from 'react';
import type { UserRow } from '../../api/types';
import './timeline-long.css';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Empty, Loading } from '../../components/Status';
import { fmtInt, fmtPct } from '../../lib/format';
import type { Input } from '../../api/types';

type UserSort = NonNullable<Input<'listUsers'>['sort']>;

const ROW = 30;

interface Props {
  modelId: number;
  user: string | null;
  onSelect: (u: UserRow) => void;
}

/** The model's users, searchable, virtualised (datasets have many thousands), keyboard navigable. */
export function UserList({ modelId, user, onSelect }: Props) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const id = useId();
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(t);
  }, [query]);
  const [sort, setSort] = useState<UserSort>('user');
  const [minEvents, setMinEvents] = useState('');
  const [maxEvents, setMaxEvents] = useState('');
  const [onlyMisses, setOnlyMisses] = useState(false);
  const whole = (x: string) => (/^\d+$/.test(x.trim()) ? Number(x.trim()) : undefined);
  const filters = {
    ...(sort !== 'user' ? { sort } : {}),
    ...(whole(minEvents) !== undefined ? { minEvents: whole(minEvents) } : {}),
    ...(whole(maxEvents) !== undefined ? { maxEvents: whole(maxEvents) } : {}),
    ...(onlyMisses ? { onlyMisses } : {}),
  };
  const { data, error, loading } = useCall('listUsers', { modelId, limit: 5000, ...(debounced ? { query: debounced } : {}), ...filters });
  const filtered = Object.keys(filters).length > 0 && filters.sort !== 'events';
  const users = data?.users ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: users.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const index = users.findIndex((u) => u.user === user);

  // Open the first user when nothing is chosen yet (start-up, or a new model).
  useEffect(() => {
    if (user === null && !debounced && !filtered && users.length > 0) onSelect(users[0]);
  }, [user, users, debounced, filtered, onSelect]);
  const ranking = loading && (sort === 'hitRate' || sort === 'misses' || onlyMisses);

  const move = (delta: number) => {
    if (users.length === 0) return;
    const next = Math.min(users.length - 1, Math.max(0, (index < 0 ? -1 : index) + delta));
    onSelect(users[next]);
    virtual.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div className="user-list">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search users
      </label>
      <input id={`${id}-q`} type="search" placeholder="Search users…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="user-filters" role="group" aria-label="Sort and filter users">
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as UserSort)} aria-label="Sort users">
            <option value="user">as imported</option>
            <option value="events">longest first</option>
            <option value="hitRate">best test hit rate</option>
            <option value="misses">most test misses</option>
          </select>
        </label>
        <label>
          events ≥ <input type="number" min={0} value={minEvents} onChange={(e) => setMinEvents(e.target.value)} aria-label="At least this many events" />
        </label>
        <label>
          ≤ <input type="number" min={0} value={maxEvents} onChange={(e) => setMaxEvents(e.target.value)} aria-label="At most this many events" />
        </label>
        <label>
          <input type="checkbox" checked={onlyMisses} onChange={(e) => setOnlyMisses(e.target.checked)} /> only users with test misses
        </label>
      </div>
      {ranking && <Loading what="every user's test ranks" />}
      {data?.ranked && (
        <div className="muted small" title={data.ranked.method}>
          Test hit@{data.ranked.n} per user{data.ranked.ms > 0 ? ` (ranked in ${(data.ranked.ms / 1000).toFixed(1)} s)` : ''}
        </div>
      )}
      <div className="muted small user-count">{data ? `${fmtInt(data.total)} user${data.total === 1 ? '' : 's'}${data.total > users.length ? ` (first ${fmtInt(users.length)})` : ''}` : ' '}</div>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading what="users" />}
      {data && users.length === 0 && <Empty>{debounced ? <>No user matches “{debounced}”.</> : 'No user passes these filters.'}</Empty>}
      <div
        ref={scroller}
        className="user-scroll"
        role="listbox"
        aria-label="Users"
        tabIndex={0}
        aria-activedescendant={index >= 0 ? `${id}-u${index}` : undefined}
        onKeyDown={(e) => {
          const delta = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
          if (delta) {
            e.preventDefault();
            e.stopPropagation();
            move(delta);
          }
        }}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const u = users[v.index];
            const selected = u.user === user;
            return (
              <div
                key={u.user}
                id={`${id}-u${v.index}`}
                role="option"
                aria-selected={selected}
                className={`user-row${selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }}
                onClick={() => onSelect(u)}
              >
                <span className="user-id">{u.user}</span>
                {u.test && (
                  <span className="muted small user-figure" title={`test part: ${u.test.steps - u.test.misses} of ${u.test.steps} purchases in the top ${data?.ranked?.n ?? ''}, NDCG ${u.test.ndcg.toFixed(3)}`}>
                    {fmtPct(u.test.hr, 0)} · {u.test.misses} miss{u.test.misses === 1 ? '' : 'es'}
                  </span>
                )}
                <span className="muted small" title={`${u.trainLength} training + ${u.events - u.trainLength} test purchases`}>
                  {u.events}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
