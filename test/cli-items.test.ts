import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli';
import { fileWith, tmpDir } from './helpers';

type Hit = { item: string; title: string | null; popularity: number };

describe('CLI: items --model --query on a real store', () => {
  it('finds a model\'s items by title and by id, case-insensitively, best first, within --limit', () => {
    const dir = tmpDir();
    const db = join(dir, 'wb.db');
    // 12 users each buy m1..m6 twice (so min-user-events keeps them); m1 is bought twice more, and
    // "gone" by one user with 2 purchases only, whom the model's filter drops with it.
    const rows = ['user,item,time'];
    let t = 1_600_000_000;
    for (let u = 0; u < 12; u++) for (let k = 0; k < 12; k++) rows.push(`u${u},m${(k % 6) + 1},${t++}`);
    rows.push(`u0,m1,${t++}`, `u1,m1,${t++}`, `x,gone,${t++}`, `x,m2,${t++}`);
    const titles = ['id,title', 'm1,"Star Wars (1977)"', 'm2,"Star Trek: First Contact (1996)"', 'm3,"Lone Star (1996)"', 'm4,"50% Off"', 'm5,"Fargo (1996)"', 'm6,"m1 remake"', 'gone,"Star Man"'];
    const run = (...args: string[]) => {
      const r = cli([...args, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return r.json();
    };
    const datasetId = run('import', fileWith('log.csv', rows.join('\n'), dir), '--items', fileWith('titles.csv', titles.join('\n'), dir)).datasetId as number;
    const modelId = run('train', '--dataset', String(datasetId), '--model', 'pop').modelId as number;
    const items = (...q: string[]) => (run('items', '--model', String(modelId), ...q).items as Hit[]);

    // By title, any case: the prefix "Star ..." before "Lone Star", the more bought first; "gone" is not the model's.
    const star = items('--query', 'STAR');
    expect(star.map((h) => h.item)).toEqual(['m1', 'm2', 'm3']);
    expect(star[0]).toEqual({ item: 'm1', title: 'Star Wars (1977)', popularity: 26 });
    expect(star[1].popularity).toBe(25);
    // By id: the exact id first, then the title that starts with it.
    expect(items('--query', 'M1').map((h) => h.item)).toEqual(['m1', 'm6']);
    expect(items('--query', '%').map((h) => h.item)).toEqual(['m4']);
    expect(items('--query', 'star', '--limit', '2')).toHaveLength(2);
    expect(items('--query', 'nothing like this')).toEqual([]);

    // The human table names the columns and the rows.
    const human = cli(['items', '--model', String(modelId), '--query', 'fargo', '--db', db]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/item\s+bought\s+title\nm5\s+24\s+Fargo \(1996\)/);

    const bad = cli(['items', '--model', String(modelId), '--query', 'x', '--limit', '0', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number from 1 to 200');
    const noModel = cli(['items', '--model', '999', '--query', 'x', '--db', db]);
    expect(noModel.code).toBe(2);
  });
});
