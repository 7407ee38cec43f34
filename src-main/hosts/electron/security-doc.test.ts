// docs/security.md cites a file and line for each claim, with the text that line holds. This
// test reads the page and holds every citation to the code, so an edit that moves or removes
// the evidence fails here (naming where the text went) instead of leaving the page wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOC = readFileSync(join(ROOT, 'docs', 'security.md'), 'utf8');

interface Citation {
  file: string;
  line: number;
  text?: string;
  docLine: number;
}

/** `path:N` | `text` (a table) or `path:N` shows `text` (prose); a bare `path:N` has no text. */
const CITATION = /`([\w./-]+\.[a-z]+):(\d+)`(?:(?: \| | shows )`([^`]+)`)?/g;

function citations(markdown: string): Citation[] {
  return markdown.split('\n').flatMap((row, i) => [...row.matchAll(CITATION)].map((m) => ({ file: m[1], line: Number(m[2]), text: m[3], docLine: i + 1 })));
}

/** Why a citation does not hold, or undefined when it does. */
function check(c: Citation): string | undefined {
  const at = `docs/security.md line ${c.docLine} cites ${c.file}:${c.line}`;
  const path = join(ROOT, c.file);
  if (!existsSync(path)) return `${at}, but there is no such file`;
  const lines = readFileSync(path, 'utf8').split('\n');
  if (c.line < 1 || c.line > lines.length) return `${at}, but the file has ${lines.length} lines`;
  if (c.text === undefined || lines[c.line - 1].includes(c.text)) return undefined;
  const now = lines.flatMap((l, i) => (l.includes(c.text!) ? [i + 1] : []));
  return `${at} for "${c.text}", which ${now.length ? `is now at line ${now.join(', ')}` : 'is no longer in the file'}`;
}

function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`docs/security.md has no "## ${title}" section`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('docs/security.md', () => {
  const all = citations(DOC);

  it('cites lines that hold what it says they hold', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all.map(check).filter(Boolean)).toEqual([]);
  });

  it('covers all 20 items of Electron’s checklist, each with a cited line and its text', () => {
    const rows = section('The desktop app')
      .split('\n')
      .map((row) => /^\| (\d+) \|/.exec(row) && { n: Number(/^\| (\d+) \|/.exec(row)![1]), cited: citations(row).filter((c) => c.text) })
      .filter((r) => r !== null);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const r of rows) expect(r.cited.length, `checklist item ${r.n} cites no line`).toBeGreaterThan(0);
  });

  it('describes each protection of the browser host with a cited line', () => {
    const web = section('The browser host');
    for (const topic of ['127.0.0.1', 'Host check', 'constant time', 'One-time', 'cookie', 'Origin', 'No paths from callers', 'Upload limits', 'real path', 'CSP']) {
      const row = web.split('\n').find((l) => l.startsWith('|') && l.includes(topic));
      expect(row, `no row about ${topic}`).toBeDefined();
      expect(citations(row!).filter((c) => c.text && c.file.startsWith('src-main/hosts/web/')).length, `the row about ${topic} cites no web-host line`).toBeGreaterThan(0);
    }
  });

  it('is right that no source hands anything to shell.openExternal (checklist item 15)', () => {
    const callers = [...sourceFiles(join(ROOT, 'src-main')), ...sourceFiles(join(ROOT, 'src-renderer'))].filter((f) => readFileSync(f, 'utf8').includes('openExternal'));
    expect(callers).toEqual([]);
  });

  it('the checker itself catches a moved or missing line', () => {
    expect(check({ file: 'src-main/hosts/electron/security.ts', line: 1, text: 'sandbox: true,', docLine: 0 })).toMatch(/is now at line \d+/);
    expect(check({ file: 'src-main/hosts/electron/security.ts', line: 1, text: 'no such text anywhere', docLine: 0 })).toMatch(/no longer in the file/);
    expect(check({ file: 'src-main/nope.ts', line: 1, docLine: 0 })).toMatch(/no such file/);
  });
});
