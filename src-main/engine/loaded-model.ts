import { InputError } from '../core/errors';
import { splitTimelines, type Split } from '../core/dataset/split';
import { itemRecords, userIds } from '../store/datasets';
import type { Db } from '../store/db';
import { getModel, loadModelArrays, type ModelRecord } from '../store/models';
import { loadUserTimelines } from '../store/user-timelines';
import type { StoredArrays } from '../store/weights-codec';

/** A stored model with everything needed to score, explain or export it in users' own ids. */
export interface LoadedModel {
  record: ModelRecord;
  arrays: StoredArrays;
  split: Split;
  /** External ids and titles, indexed by the model's own user / item indices. */
  userIds: string[];
  itemIds: string[];
  titles: (string | null)[];
  /** Dataset user idx -> model user index (or -1 when the user was filtered out). */
  modelUserOf: (externalId: string) => number;
}

export function loadModel(db: Db, modelId: number): LoadedModel {
  const record = getModel(db, modelId);
  if (!record) throw new InputError(`no model ${modelId} (train one with: rum-workbench train --dataset ID)`);
  const arrays = loadModelArrays(db, modelId);
  // The split is a pure function of the dataset and the settings, so it is recomputed rather
  // than stored; the stored index maps prove it came out the same.
  const split = splitTimelines(loadUserTimelines(db, record.datasetId), {
    minUserEvents: record.config.minUserEvents,
    trainPercent: record.config.trainPercent,
  });
  if (!sameArray(split.itemOf, arrays.itemOf) || !sameArray(split.userOf, arrays.userOf)) {
    throw new Error(`model ${modelId} does not match its dataset any more (the split differs)`);
  }
  const dsUsers = userIds(db, record.datasetId);
  const dsItems = itemRecords(db, record.datasetId);
  const users = Array.from(arrays.userOf, (u) => dsUsers[u]);
  const index = new Map(users.map((id, k) => [id, k]));
  return {
    record,
    arrays,
    split,
    userIds: users,
    itemIds: Array.from(arrays.itemOf, (i) => dsItems.ids[i]),
    titles: Array.from(arrays.itemOf, (i) => dsItems.titles[i]),
    modelUserOf: (id) => index.get(id) ?? -1,
  };
}

function sameArray(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
