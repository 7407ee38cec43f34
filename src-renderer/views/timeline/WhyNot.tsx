import { useId, useState } from 'react';
import type { ExplainJson } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { itemName } from '../../lib/format';
import { RecommendationDetail } from './RecommendationDetail';

interface Props {
  modelId: number;
  user: string;
  step: number;
  /** Items to suggest (the user's purchases and this step's recommendations). */
  suggestions: { item: string; title: string | null }[];
}

/** "Why not this item?": explains any candidate at the current step, with its rank. */
export function WhyNot({ modelId, user, step, suggestions }: Props) {
  const [text, setText] = useState('');
  const [item, setItem] = useState<string | null>(null);
  const id = useId();
  const { data, error, loading } = useCall('explainStep', item ? { modelId, user, step, top: 5, item } : null);
  const candidate = (data as ExplainJson | undefined)?.candidate;
  return (
    <div className="why-not">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setItem(text.trim() || null);
        }}
      >
        <label htmlFor={`${id}-item`}>Why not item</label>
        <input id={`${id}-item`} type="text" list={`${id}-items`} value={text} placeholder="item id, e.g. p023" onChange={(e) => setText(e.target.value)} />
        <datalist id={`${id}-items`}>
          {suggestions.map((s) => (
            <option key={s.item} value={s.item}>
              {itemName(s)}
            </option>
          ))}
        </datalist>
        <button type="submit">Explain</button>
        {item && (
          <button type="button" className="link-btn" onClick={() => { setItem(null); setText(''); }}>
            clear
          </button>
        )}
      </form>
      {error && <ErrorBox error={error} />}
      {loading && item && <Loading what={`the explanation of ${item}`} />}
      {candidate && !loading && <RecommendationDetail rec={candidate} title={`Candidate at rank ${candidate.rank}`} />}
    </div>
  );
}
