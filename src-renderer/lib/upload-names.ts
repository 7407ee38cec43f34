import type { ApiErrorBody } from '../api/types';

/**
 * The web host reports import errors against its temporary copy of an upload (…/uploads/<id>);
 * the analyst should read the name of the file they picked.
 */
export function renameUploads(e: ApiErrorBody, names: ReadonlyMap<string, string>): ApiErrorBody {
  let out = e;
  for (const [uploadId, name] of names) {
    const pattern = new RegExp(`[^\\s,:;"']*${uploadId}`, 'g');
    out = { ...out, message: out.message.replace(pattern, name), ...(out.file?.includes(uploadId) ? { file: name } : {}) };
  }
  return out;
}
