// The generated Baby-shaped logs the train bench measures (scale 1 and 10), one definition for
// every process that reads them: the kernel figures, the per-epoch runs and the PyTorch reference.
import { BABY_SHAPE, generateSequentialLog } from '../src-main/core/dataset/synthetic-log';
import type { Interactions } from '../src-main/core/dataset/split';

export function benchLog(scale: number): Interactions {
  return generateSequentialLog({ users: BABY_SHAPE.users * scale, items: BABY_SHAPE.items, events: BABY_SHAPE.events * scale, seed: 11 });
}
