import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { api } from '../api/client';
import { errorBody, shownError } from '../api/errors';
import { plural } from '../lib/format';
import type { ApiErrorBody, Results } from '../api/types';

type ItemHit = Results['searchItems']['items'][number];

export interface ItemSearchProps {
  modelId: number;
  /** Called with the chosen item's id (and what was shown for it) on a click or Enter. */
  onChoose: (item: string, hit: ItemHit) => void;
  /** The visible label of the input. */
  label?: string;
  placeholder?: string;
  /** How many matches to offer (the contract allows up to 200). */
  limit?: number;
  /** Disables the input (a job running, no model yet). */
  disabled?: boolean;
}

// Waits for a pause in typing, so a fast typist sends one search, not one per key.
const DEBOUNCE_MS = 150;

// Layout only: the look comes from the app's stylesheet (buttons, lists, muted text).
const POPUP: CSSProperties = {
  position: 'absolute', zIndex: 20, left: 0, top: '100%', minWidth: '100%', maxHeight: 320, overflowY: 'auto',
  margin: 0, padding: 0, listStyle: 'none', background: 'var(--panel, #fff)', border: '1px solid var(--line, #ccc)', boxShadow: '0 4px 12px rgba(0,0,0,.12)',
};
const OPTION: CSSProperties = { padding: '4px 8px', cursor: 'pointer', display: 'flex', gap: 8, justifyContent: 'space-between' };
const ACTIVE: CSSProperties = { ...OPTION, background: 'var(--accent-soft, #e3ecfa)' };

/**
 * A type-ahead over a model's items (the searchItems call): case-insensitive by id or title,
 * each match shown with its title, id and purchases. WAI-ARIA combobox: the focus stays in the
 * input, ArrowUp/ArrowDown move through the list, Enter chooses, Escape closes.
 */
export function ItemSearch({ modelId, onChoose, label = 'Item', placeholder = 'title or id', limit = 12, disabled }: ItemSearchProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<ItemHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [searching, setSearching] = useState(false);
  const asked = useRef(0);

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setHits([]);
      setSearching(false);
      return;
    }
    const ticket = ++asked.current;
    setSearching(true);
    const timer = setTimeout(() => {
      api()
        .call('searchItems', { modelId, query, limit })
        .then(
          // An answer to an older text is dropped: the list always matches what is typed.
          (r) => ticket === asked.current && (setHits(r.items), setActive(r.items.length ? 0 : -1), setError(null), setSearching(false)),
          (e: unknown) => ticket === asked.current && (setHits([]), setError(errorBody(e)), setSearching(false)),
        );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, modelId, limit]);

  const choose = (hit: ItemHit) => {
    setText(hit.title ? `${hit.title} (${hit.item})` : hit.item);
    setOpen(false);
    onChoose(hit.item, hit);
  };

  const shown = open && text.trim() !== '';
  const optionId = (k: number) => `${id}-opt-${k}`;
  return (
    <div className="item-search" style={{ position: 'relative', display: 'inline-block' }}>
      <label htmlFor={`${id}-input`}>{label}</label>{' '}
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown && hits.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // Closed after a click has had its chance to choose (mousedown below keeps the focus).
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            if (hits.length) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % hits.length : (a - 1 + hits.length) % hits.length));
          } else if (e.key === 'Enter') {
            if (shown && active >= 0 && hits[active]) {
              e.preventDefault();
              choose(hits[active]);
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={`${label}: matches`} style={{ ...POPUP, display: shown && hits.length ? 'block' : 'none' }}>
        {hits.map((h, k) => (
          <li
            key={h.item}
            id={optionId(k)}
            role="option"
            aria-selected={k === active}
            style={k === active ? ACTIVE : OPTION}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(k)}
            onClick={() => choose(h)}
          >
            <span>
              {h.title ?? h.item} {h.title && <span className="muted">({h.item})</span>}
            </span>
            <span className="muted" title="purchases in the imported log">
              {h.popularity} bought
            </span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {shown && !searching ? (error ? shownError(error).message : hits.length ? plural(hits.length, 'match', 'matches') : 'no item matches') : ''}
      </span>
      {shown && !searching && !error && hits.length === 0 && <div className="muted">No item of this model has “{text.trim()}” in its id or title.</div>}
      {error && <div className="error-message" role="alert">{shownError(error).message}</div>}
    </div>
  );
}
