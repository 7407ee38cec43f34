// Jobs outlive the view that started them (switching tabs must not lose a training run), so their
// state lives here, in named slots outside React, and views subscribe with useJob(slot).
import { useCallback, useSyncExternalStore } from 'react';
import { api } from './client';
import { errorBody } from './errors';
import { applyEvent, IDLE, isActive, startJob, type JobState } from '../lib/job-state';
import type { Input, JobEvent, JobResults, Result } from './types';

type JobMethod = keyof JobResults;

/**
 * The job a call started, or null when none was: the desktop app's exportReport answers
 * { cancelled: true } when the user closes the save dialog.
 */
export function startedJobId(answer: Result<JobMethod>): string | null {
  return 'jobId' in answer ? answer.jobId : null;
}

const slots = new Map<string, JobState>();
const subscribers = new Set<() => void>();
// Events can arrive before the call that started the job has answered with its id.
const early = new Map<string, JobEvent[]>();
let dataVersion = 0;
let listening = false;

const notify = () => subscribers.forEach((f) => f());

function onEvent(e: JobEvent) {
  // Any finished import or training (ours, or the host's demo set-up) changes the lists views show;
  // a report or an influence map changes nothing in the store.
  if (e.type === 'done' && e.kind !== 'report' && e.kind !== 'influences') dataVersion++;
  let claimed = false;
  for (const [name, s] of slots) {
    if (s.jobId === e.jobId) {
      slots.set(name, applyEvent(s, e));
      claimed = true;
    }
  }
  if (!claimed) {
    const list = early.get(e.jobId) ?? [];
    list.push(e);
    early.set(e.jobId, list.slice(-200));
    if (early.size > 50) early.delete(early.keys().next().value!);
  }
  notify();
}

function listen() {
  if (listening) return;
  listening = true;
  api().onEvent(onEvent);
}

function subscribe(f: () => void) {
  listen();
  subscribers.add(f);
  return () => subscribers.delete(f);
}

export async function runJob<M extends JobMethod>(slot: string, method: M, input: Input<M>, message?: string): Promise<void> {
  listen();
  slots.set(slot, startJob(message));
  notify();
  try {
    const jobId = startedJobId(await api().call(method, input));
    if (jobId === null) {
      // Nothing runs, so the slot goes back to idle rather than waiting for events that never come.
      slots.delete(slot);
      notify();
      return;
    }
    let s: JobState = { ...slots.get(slot)!, jobId, status: 'running' };
    for (const e of early.get(jobId) ?? []) s = applyEvent(s, e);
    early.delete(jobId);
    slots.set(slot, s);
  } catch (e) {
    slots.set(slot, { ...IDLE, status: 'error', error: errorBody(e), message: errorBody(e).message });
  }
  notify();
}

/** A slot's failure that happened before any job existed (an upload, a bad form). */
export function failJob(slot: string, e: unknown): void {
  slots.set(slot, { ...IDLE, status: 'error', error: errorBody(e), message: errorBody(e).message });
  notify();
}

export function setJobMessage(slot: string, message: string): void {
  slots.set(slot, { ...startJob(message) });
  notify();
}

export async function cancelJob(slot: string): Promise<void> {
  const s = slots.get(slot);
  if (!s?.jobId || !isActive(s)) return;
  await api().call('cancelJob', { jobId: s.jobId });
}

export function resetJob(slot: string): void {
  slots.delete(slot);
  notify();
}

/** A slot's state now (useJob follows it in a view). */
export const jobState = (slot: string): JobState => slots.get(slot) ?? IDLE;

export function useJob(slot: string): JobState {
  const get = useCallback(() => jobState(slot), [slot]);
  return useSyncExternalStore(subscribe, get);
}

/** A change made by a plain call (a rename, a deletion): views refetch as after an import. */
export function bumpDataVersion(): void {
  dataVersion++;
  notify();
}

/** A counter that grows whenever an import or a training finishes anywhere: views refetch on it. */
export function useDataVersion(): number {
  return useSyncExternalStore(subscribe, () => dataVersion);
}
