/** The studio's coordinator answers the household panel's questions as the CLI does: the decision, the compact explanation and the cliff. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { SimService } from '../../studio/sim/service.ts';
import { cli, policyEntry, SHANGHAI } from '../support/simulator.ts';

const DATE = '2024-07-01';
const GRACE = 'test/golden/notices/grace/household.json';

describe('the studio service explains like doudi eval', () => {
  const sim = new SimService();
  let key = '';
  beforeAll(async () => {
    await sim.generate({ region: '310000', households: 200, seed: 1, year: 2024 });
    const e = policyEntry(SHANGHAI);
    key = await sim.setPolicy(e.source, e.ir);
  });

  it('gives the decision and the compact explanation of doudi eval --explain --json', async () => {
    const h = JSON.parse(fs.readFileSync(GRACE, 'utf8'));
    const x = await sim.explain({ policy: key, date: DATE, sets: { cpi_yoy: '4%' } }, h);
    const r = await cli(['eval', SHANGHAI, '--household', GRACE, '--date', DATE, '--set', 'cpi_yoy=4%', '--explain', '--json']);
    const j = JSON.parse(r.out);
    expect(x.decision).toEqual(j.decision);
    expect(x.explanation).toEqual(j.explanation);
    expect(x.decision!.items.map((i) => [i.programme, i.outcome])).toEqual([
      ['dibao', 'grace'],
      ['price', 'granted'],
    ]);
  });

  it('gives the cliff of doudi eval --earnings-path, and says what is wrong with a path', async () => {
    const h = JSON.parse(fs.readFileSync(GRACE, 'utf8'));
    const a = await sim.cliff({ policy: key, date: DATE }, h, 1, '0:8000:1000');
    const r = await cli(['eval', SHANGHAI, '--household', GRACE, '--date', DATE, '--earnings-path', '0:8000:1000', '--json']);
    expect(a.cliff).toEqual(JSON.parse(r.out).cliff);
    expect((await sim.cliff({ policy: key, date: DATE }, h, 1, '0:8000')).error).toMatch(/0:8000: expected FROM:TO:STEP/);
    expect((await sim.cliff({ policy: key, date: DATE }, h, 9, '0:8000:100')).error).toBe('member 9: the household has 2 members');
  });
});
