// One training run as `rum-workbench train` does it (runTrainTask: the split, the trainer's epoch
// loop with validation on its sampled users, the helper thread for threads = 2), on the
// Baby-shaped log of the train bench, with the default settings but a fixed number of epochs and
// no early stop. Prints each epoch's seconds (training and validation together) as JSON.
// Args: SCALE GRADIENTS THREADS EPOCHS.
import { userTimelines } from '../src-main/core/dataset/split';
import { DEFAULT_CONFIG, type TrainConfig } from '../src-main/core/train/config';
import { runTrainTask } from '../src-main/jobs/train/train-task';
import { benchLog } from './bench-log';

const [scale, gradients, threads, epochs] = process.argv.slice(2);
const s = Number(scale);
const config: TrainConfig = { ...DEFAULT_CONFIG, gradients: gradients as TrainConfig['gradients'], threads: Number(threads), epochs: Number(epochs), patience: 1000 };
const out = await runTrainTask({ timelines: userTimelines(benchLog(s)), config });
process.stdout.write(JSON.stringify({ epochs: out.curve.map((e) => e.seconds), examples: out.summary.split.trainEvents }));
process.exit(0);
