import { api } from '../../api/client';
import { bumpDataVersion } from '../../api/jobs';
import type { ModelInfo } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fmtDate } from '../../lib/format';
import { modelTitle } from '../../lib/model-catalog';
import { settingsLine } from './model-settings';

/** Asks before deleting one model, naming it by id, model, settings and date. */
export function DeleteModelDialog({ model, onClose }: { model: ModelInfo; onClose: () => void }) {
  return (
    <ConfirmDialog
      title="Delete model?"
      confirmLabel="Delete model"
      onClose={onClose}
      onConfirm={async () => {
        await api().call('deleteModel', { modelId: model.modelId });
        bumpDataVersion();
      }}
    >
      <p data-testid="confirm-what">
        This deletes model <strong>#{model.modelId}</strong> ({modelTitle(model.kind)}: {settingsLine(model)}; trained {fmtDate(model.createdAt)}) and its cached
        explanations from the store.
      </p>
      <p className="muted small">It cannot be undone. Its id is never given to another model.</p>
    </ConfirmDialog>
  );
}
