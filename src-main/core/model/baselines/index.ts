// The paper's baselines (Table 2) as registry entries. BPR-MF and FPMC are the RUM family's
// entry with their settings fixed and the pairwise BPR loss (baselines/meta.ts); MostPopular
// ranks by training counts and trains nothing.
import { rumFamily } from '../rum-item';
import { bprMeta, fpmcMeta } from './meta';

export { pop } from './pop';

export const bpr = rumFamily(bprMeta);

export const fpmc = rumFamily(fpmcMeta);
