// What the app opens on: the most recent dataset and its newest model of the default kind (item-level RUM).
import { DEFAULT_KIND } from './model-catalog';

export { explainable } from './model-catalog';

export interface DatasetLike {
  datasetId: number;
  createdAt: string;
}
export interface ModelLike {
  modelId: number;
  datasetId: number;
  kind: string;
  createdAt: string;
}

// Ids grow with time; createdAt breaks nothing when clocks are equal, the id does.
const newer = <T extends { createdAt: string }>(a: T, b: T, id: (x: T) => number) =>
  a.createdAt === b.createdAt ? id(a) - id(b) : a.createdAt < b.createdAt ? -1 : 1;

export function latestDataset<T extends DatasetLike>(list: T[]): T | null {
  return list.reduce<T | null>((best, d) => (best === null || newer(d, best, (x) => x.datasetId) > 0 ? d : best), null);
}

export function newestModel<T extends ModelLike>(list: T[], datasetId: number, kind = DEFAULT_KIND): T | null {
  return list
    .filter((m) => m.datasetId === datasetId && m.kind === kind)
    .reduce<T | null>((best, m) => (best === null || newer(m, best, (x) => x.modelId) > 0 ? m : best), null);
}
