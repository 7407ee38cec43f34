import { useState } from 'react';
import type { ExplainJson } from '../../api/types';
import { useCall } from '../../api/use-call';
import { ErrorBox } from '../../components/ErrorBox';
import { ItemSearch } from '../../components/ItemSearch';
import { Loading } from '../../components/Status';
import { itemName } from '../../lib/format';
import { GapSummary } from './GapSummary';
import { RecommendationDetail } from './RecommendationDetail';

interface Props {
  modelId: number;
  user: string;
  step: number;
  /** Items to suggest (the user's purchases and this step's recommendations); the search finds any item by title or id. */
  suggestions?: { item: string; title: string | null }[];
}

/**
 * "Why not this item?": find any item by title or id, then see its rank, how far its logit is
 * from the N-th recommendation's, what each purchase in memory would have to become to close
 * that gap, and its slot contributions.
 */
export function WhyNot({ modelId, user, step }: Props) {
  const [item, setItem] = useState<{ item: string; title: string | null } | null>(null);
  const { data, error, loading } = useCall('explainStep', item ? { modelId, user, step, top: 5, item: item.item } : null);
  const ex = data as ExplainJson | undefined;
  const candidate = ex?.candidate?.item === item?.item ? ex?.candidate : undefined;
  return (
    <div className="why-not" data-testid="why-not">
      <div className="inline-form">
        <ItemSearch modelId={modelId} label="Why not item" placeholder="title or id" onChoose={(id, hit) => setItem({ item: id, title: hit.title })} />
        {item && (
          <button type="button" className="link-btn" onClick={() => setItem(null)}>
            clear
          </button>
        )}
      </div>
      {error && <ErrorBox error={error} />}
      {loading && item && <Loading what={`the explanation of ${itemName(item)}`} />}
      {candidate && ex && !loading && (
        <>
          <GapSummary ex={ex} />
          <RecommendationDetail rec={candidate} title={`Candidate at rank ${candidate.rank}`} />
        </>
      )}
    </div>
  );
}
