import type { ApiErrorBody } from './types';

/** An error from a call or a job, carrying the host's body (kind, message, file, line). */
export class ApiError extends Error {
  readonly body: ApiErrorBody;
  readonly status?: number;
  constructor(body: ApiErrorBody, status?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
    this.status = status;
  }
}

/** Any thrown value as an error body, so views show one shape. */
export function errorBody(e: unknown): ApiErrorBody {
  if (e instanceof ApiError) return e.body;
  if (e && typeof e === 'object' && 'message' in e && typeof (e as { message: unknown }).message === 'string') {
    return { kind: 'internal', message: (e as { message: string }).message };
  }
  return { kind: 'internal', message: String(e) };
}

/** "message (file, line 12)" for one-line display, the file and line named once. */
export function describeError(b: ApiErrorBody): string {
  const e = shownError(b);
  const where = [e.file, e.line !== undefined ? `line ${e.line}` : undefined].filter(Boolean).join(', ');
  return where ? `${e.message} (${where})` : e.message;
}

/**
 * What people call the fields of the contract's calls (api/contract.ts), for a refused input.
 * Training settings are worded by the contract itself (core's settingProblem names the setting).
 */
const FIELD_WORDS: Record<string, string> = {
  datasetId: 'the dataset number',
  modelId: 'the model number',
  user: 'the user',
  step: 'the step',
  top: 'the number of recommendations',
  item: 'the item',
  n: 'N (the list length)',
  alphas: 'the α values',
  name: 'the name',
  query: 'the search text',
  offset: 'the list offset',
  limit: 'the number of rows',
  minWeight: 'the minimum attention weight',
  minFollowers: 'the minimum number of followers',
  format: 'the format',
  columns: 'the columns',
  path: 'the file path',
  source: 'the file',
  itemsSource: 'the item titles file',
  uploadId: 'the uploaded file',
};

/** A field's path as people read it: "settings.epochs" → "epochs", "alphas.2" → "the α values". */
function fieldWords(path: string): string {
  const names = path.split('.').filter((p) => p !== '' && p !== 'input' && !/^\d+$/.test(p));
  const last = names.at(-1);
  if (last === undefined) return 'the input';
  return FIELD_WORDS[last] ?? last;
}

/** One zod message (zod 4's English) in plain words about `field`; null when it is not one of those. */
function zodInWords(field: string, message: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^Too (small|big): expected number to be (>=|>|<=|<)(-?[\d.e+-]+)$/.exec(message))) {
    const bound = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' }[m[2]];
    return `${field} must be ${bound} ${m[3]}`;
  }
  if ((m = /^Too small: expected string to have >=?(\d+) characters?$/.exec(message))) return m[1] === '1' ? `${field} cannot be empty` : `${field} needs at least ${m[1]} characters`;
  if ((m = /^Too big: expected string to have <=?(\d+) characters?$/.exec(message))) return `${field} can have at most ${m[1]} characters`;
  if ((m = /^Too small: expected array to have >=?(\d+) items?$/.exec(message))) return `${field}: give at least ${m[1]}`;
  if ((m = /^Too big: expected array to have <=?(\d+) items?$/.exec(message))) return `${field}: give at most ${m[1]}`;
  if ((m = /^Invalid input: expected (\w+), received (\w+)$/.exec(message))) {
    if (m[2] === 'undefined') return `${field} is missing`;
    const what = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'yes or no', array: 'a list', object: 'a set of values' }[m[1]];
    return what ? `${field} must be ${what}` : null;
  }
  if ((m = /^Invalid option: expected one of (.+)$/.exec(message))) return `${field} must be one of ${m[1].replace(/"/g, '').split('|').join(', ')}`;
  if ((m = /^Unrecognized keys?: (.+)$/.exec(message))) return `unknown setting ${m[1].replace(/"/g, '')}`;
  if (/^Invalid string/.test(message)) return `${field} is not valid`;
  return null;
}

/**
 * A host's refusal of an input in plain words. The host joins zod's issues as "path: message; …"
 * (jobs/job-event.ts toApiError); each is reworded, naming the field, unless it already names it
 * (the contract's own words, as the training settings have). Other messages pass unchanged.
 */
export function plainMessage(message: string): string {
  const parts = message.split('; ');
  const worded = parts.map((part) => {
    const m = /^([\w.]+): (.+)$/.exec(part);
    if (!m) return null;
    const [, path, rest] = m;
    const last = path.split('.').at(-1) ?? path;
    // Already worded by the contract ("epochs must be a whole number from 1 to 1000, got 0").
    if (new RegExp(`^${last}\\b`).test(rest)) return rest;
    return zodInWords(fieldWords(path), rest);
  });
  if (worded.some((w) => w === null)) return message;
  const text = worded.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An error as the error box shows it: the message in plain words, and where (file, line) once.
 * An import error's message starts with its file and line ("log.csv, line 3: bad timestamp"), which
 * the box shows on their own line, so they are cut from the message; line 0 means the file as a whole.
 */
export function shownError(b: ApiErrorBody): { message: string; file?: string; line?: number } {
  let message = b.kind === 'input' ? plainMessage(b.message) : b.message;
  if (b.file) {
    const lead = b.line !== undefined ? `${b.file}, line ${b.line}: ` : `${b.file}: `;
    if (message.startsWith(lead)) message = message.slice(lead.length);
  }
  return { message, ...(b.file ? { file: b.file } : {}), ...(b.line !== undefined && b.line > 0 ? { line: b.line } : {}) };
}
