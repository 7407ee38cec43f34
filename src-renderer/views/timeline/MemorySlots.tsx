import type { ExplainJson } from '../../api/types';
import { Empty } from '../../components/Status';
import { fmtPct, fmtTime, itemName } from '../../lib/format';

/**
 * The K purchases in memory at this step, oldest first, with the attention the focus item puts on
 * each; for feature-level RUM the K latent features, each named by the items that load on it most.
 */
export function MemorySlots({ ex }: { ex: ExplainJson }) {
  const latent = ex.memoryKind === 'latent';
  if (ex.memory.length === 0) return <Empty>{ex.alpha === 0 ? 'This model reads no memory (α = 0).' : 'Memory is empty at step 0: nothing was bought before.'}</Empty>;
  const top = Math.max(...ex.memory.map((m) => m.attention));
  return (
    <div>
      <div className="muted small section-note">
        Attention of{' '}
        {ex.attentionFor ? (
          <>
            <strong>{itemName(ex.attentionFor)}</strong> ({ex.attentionFor.why === 'purchase' ? 'the purchase made at this step' : ex.attentionFor.why})
          </>
        ) : (
          'the top recommendation'
        )}{' '}
        over the {ex.memory.length} {latent ? 'latent feature' : 'slot'}
        {ex.memory.length === 1 ? '' : 's'}
        {latent && ': a summary of every purchase so far, written after each one (named by the items that load on it most)'}
        {!ex.additive && ': the last position\u2019s attention in the last block, before any item is scored, so the same for every item'}
      </div>
      <ol className="slots" aria-label="Memory slots">
        {ex.memory.map((m) => (
          <li
            key={m.slot}
            className={`slot-card${m.attention === top ? ' top' : ''}`}
            data-testid="memory-slot"
            data-item={m.item}
            data-attention={String(m.attention)}
            // The whole title here too: the card shows at most two lines of it.
            title={latent ? `${itemName(m)}; attention ${fmtPct(m.attention)}` : `slot ${m.slot}: ${itemName(m)} (${m.item}), bought at step ${m.step}, ${fmtTime(m.time)}; attention ${fmtPct(m.attention)}`}
          >
            <div className="slot-head">
              <span className="muted small">{latent ? `latent feature ${m.item}` : `slot ${m.slot} · step ${m.step}`}</span>
              <span className="slot-pct">{fmtPct(m.attention)}</span>
            </div>
            <div className="slot-title">{itemName(m)}</div>
            {!latent && (
              <div className="muted small">
                {m.item} · {fmtTime(m.time)}
              </div>
            )}
            <div className="attn-track" aria-hidden="true">
              <div className="attn-fill" style={{ width: `${Math.max(0, Math.min(1, m.attention)) * 100}%` }} />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
