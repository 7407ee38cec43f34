// The renderer's one door to the app: Electron's preload (window.rumApi) when present, otherwise
// the web host's HTTP protocol. Views call `api.call(...)` and never know which host runs them.
import { ApiError } from './errors';
import type { ApiErrorBody, Input, JobEvent, Method, Results, RumApi } from './types';

/** Electron's preload may also turn a picked or dropped File into its path on disk. */
type ElectronApi = RumApi & { pathForFile?: (file: File) => string };

declare global {
  interface Window {
    rumApi?: ElectronApi;
  }
}

export interface Client {
  host: 'electron' | 'web';
  call<M extends Method>(method: M, input: Input<M>): Promise<Results[M]>;
  onEvent(listener: (e: JobEvent) => void): () => void;
  /** Web: uploads the file and returns an upload source; Electron: the file's path. */
  fileSource(file: File): Promise<Input<'importDataset'>['source']>;
  /** Web only: the URL that downloads a finished report. */
  downloadUrl(path: string): string | null;
}

/**
 * The web host signs the browser in with an HttpOnly session cookie (it swaps the code or token
 * of the opening link for it, then redirects here without it), so this page never holds a
 * secret: same-origin fetch, EventSource and download links all carry the cookie themselves.
 * A token an older version kept in this tab's storage is dropped.
 */
function forgetOldToken(): void {
  try {
    sessionStorage.removeItem('rum-token');
  } catch {
    /* storage disabled: nothing kept there */
  }
}

export const basename = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function electronClient(rum: ElectronApi): Client {
  return {
    host: 'electron',
    async call(method, input) {
      try {
        return await rum.call(method, input);
      } catch (e) {
        // The preload rejects with the error body itself (plain data survives the bridge).
        const plain = e as Partial<ApiErrorBody> & { body?: ApiErrorBody };
        const body = plain.body ?? (typeof plain.kind === 'string' && typeof plain.message === 'string' ? (plain as ApiErrorBody) : undefined);
        throw new ApiError(body ?? { kind: 'internal', message: e instanceof Error ? e.message : String(e) });
      }
    },
    onEvent: (l) => rum.onEvent(l),
    async fileSource(file) {
      const path = rum.pathForFile?.(file);
      if (!path) throw new ApiError({ kind: 'input', message: `cannot read the path of ${file.name}` });
      return { kind: 'path', path };
    },
    downloadUrl: () => null,
  };
}

function webClient(): Client {
  forgetOldToken();
  const listeners = new Set<(e: JobEvent) => void>();
  let source: EventSource | null = null;

  const connect = () => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (m: MessageEvent<string>) => {
      let e: JobEvent;
      try {
        e = JSON.parse(m.data) as JobEvent;
      } catch {
        return; // keep-alive comments or foreign messages
      }
      for (const l of listeners) l(e);
    };
  };

  const parse = async (res: Response) => {
    type Body = { ok: boolean; result?: unknown; error?: ApiErrorBody };
    const body = (await res.json().catch(() => null)) as Body | null; // not JSON: reported below
    if (body?.ok) return body.result;
    if (body?.error) throw new ApiError(body.error, res.status);
    throw new ApiError({ kind: 'internal', message: `HTTP ${res.status} ${res.statusText}` }, res.status);
  };

  return {
    host: 'web',
    async call(method, input) {
      const res = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await parse(res)) as never;
    },
    onEvent(l) {
      listeners.add(l);
      connect();
      return () => listeners.delete(l);
    },
    async fileSource(file) {
      const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      const { uploadId } = (await parse(res)) as { uploadId: string };
      return { kind: 'upload', uploadId, name: file.name };
    },
    downloadUrl: (path) => `/api/download/${encodeURIComponent(basename(path))}`,
  };
}

let client: Client | null = null;

/** The process-wide client, made on first use. */
export function api(): Client {
  client ??= window.rumApi ? electronClient(window.rumApi) : webClient();
  return client;
}
