// The contract typed both ways. Most of this file is checked by the compiler (`npm run lint`
// runs tsc over test/): each @ts-expect-error below marks a drift that must stay a type error,
// and tsc fails if one of them ever compiles. The runtime part checks the renderer's handling
// of the drift that was found: the desktop app's exportReport answering { cancelled: true }.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DesktopApi, Input, Result } from '../src-main/api/contract';
import type { Results as ApiResults, ExportCancelled, JobResult, JobStarted, ModelEvaluation, ModelInfo } from '../src-main/api/results';
import type { Handlers } from '../src-main/api/services';
import type { DatasetRow } from '../src-main/store/datasets';
import { startedJobId } from '../src-renderer/api/jobs';
import type { Client } from '../src-renderer/api/client';
import type { Results as RendererResults, ReportResult } from '../src-renderer/api/types';

describe('the contract, typed both ways', () => {
  it('gives every call a result type, the same one in main and in the renderer', () => {
    expectTypeOf<RendererResults>().toEqualTypeOf<ApiResults>();
    expectTypeOf<Result<'listDatasets'>>().toEqualTypeOf<DatasetRow[]>();
    expectTypeOf<Result<'listModels'>>().toEqualTypeOf<ModelInfo[]>();
    expectTypeOf<Result<'evaluateModel'>>().toEqualTypeOf<ModelEvaluation>();
    expectTypeOf<Result<'exportReport'>>().toEqualTypeOf<JobStarted | ExportCancelled>();
    expectTypeOf<JobResult<'exportReport'>>().toEqualTypeOf<ReportResult>();
    // Both doors answer the typed result: the preload's object and the renderer's client.
    expectTypeOf<ReturnType<DesktopApi['call']>>().toEqualTypeOf<Promise<Result<'listDatasets'> | Result<'datasetSummary'> | Result<'importDataset'> | Result<'listModels'> | Result<'trainModel'> | Result<'alphaSweep'> | Result<'evaluateModel'> | Result<'listUsers'> | Result<'explainStep'> | Result<'attentionTrust'> | Result<'timeline'> | Result<'timelineWeights'> | Result<'timelineRanks'> | Result<'compareStep'> | Result<'whatIf'> | Result<'searchItems'> | Result<'exportReport'> | Result<'deleteModel'> | Result<'deleteDataset'> | Result<'renameDataset'> | Result<'cancelJob'> | Result<'appInfo'> | Result<'exportModel'>>>();
    expectTypeOf<Awaited<ReturnType<Client['call']>>>().toEqualTypeOf<Awaited<ReturnType<DesktopApi['call']>>>();
  });

  it('makes a handler that answers another shape a type error', () => {
    const handlers: Pick<Handlers, 'renameDataset' | 'cancelJob' | 'exportReport'> = {
      // @ts-expect-error renameDataset answers { datasetId, name }, not the dataset row's fields
      renameDataset: ({ datasetId }: Input<'renameDataset'>) => ({ datasetId, title: 'x' }),
      // @ts-expect-error cancelJob answers { cancelled: boolean }
      cancelJob: () => ({ cancelled: 'yes' }),
      // A desktop host's closed dialog is part of exportReport's answer, so this one compiles.
      exportReport: () => ({ cancelled: true }) as const,
    };
    expect(Object.keys(handlers)).toHaveLength(3);
  });

  it('makes reading a jobId that may be absent a type error (the drift this fixes)', () => {
    const answer = { cancelled: true } as Result<'exportReport'>;
    // @ts-expect-error the user may have closed the save dialog: there is no jobId then
    const jobId: string = answer.jobId;
    expect(jobId).toBeUndefined();
  });

  it('starts no job slot when the save dialog is closed', () => {
    expect(startedJobId({ cancelled: true })).toBeNull();
    expect(startedJobId({ jobId: 'abc' })).toBe('abc');
  });
});
