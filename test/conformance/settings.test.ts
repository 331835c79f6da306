/**
 * One way to run a policy (issue 8, "Done when"): the same settings written by id, by Chinese
 * label and by entry give the same outputs through `doudi eval`, `doudi simulate`, the studio's
 * service and `doudi test` — and those four agree with each other. The households are the
 * Shanghai conformance cases dated 2024-07-01; the commands run in this process through main().
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readHousehold, type Household } from '../../language/index.ts';
import { Simulator, fromHouseholds, type Behaviour, type SimulationResult } from '../../simulator/index.ts';
import { SimService } from '../../studio/sim/service.ts';
import { cli, policyEntry } from '../support/simulator.ts';

const POLICY = 'policies/shanghai/shanghai.doudi';
const DATE = '2024-07-01';
const CASES = 'test/conformance/shanghai';

/** The same scenario three ways: ¥1,620 a month in both areas, CPI 3.6 %, food CPI 6.1 %. */
const SPELLINGS: Record<string, readonly string[]> = {
  ids: ['dibao_standard=1620', 'cpi_yoy=3.6%', 'food_cpi_yoy=6.1%'],
  labels: ['低保标准=¥1,620', '居民消费价格同比涨幅=3.6%', '食品价格同比涨幅=0.061'],
  entries: ['dibao_standard.urban=1620元', '低保标准.农村=1,620.00', 'cpi_yoy=9/250', 'food_cpi_yoy=61/1000'],
};
const KINDS = Object.keys(SPELLINGS);
const pairs = (list: readonly string[]) => Object.fromEntries(list.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]));
const setArgs = (list: readonly string[]) => list.flatMap((s) => ['--set', s]);
/** Everyone who is eligible claims: simulate's costs are then the households' outputs added up. */
const ALL_CLAIM = ['dibao', 'tekun', 'temporary', 'expenditure'].flatMap((p) => ['--take-up', `${p}=100%`]);
const ALL_CLAIM_BEHAVIOUR: Behaviour = { takeUp: { dibao: 1, tekun: 1, temporary: 1, expenditure: 1 } };

const raw: Record<string, unknown>[] = fs
  .readdirSync(CASES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(CASES, f), 'utf8')) as { date: string; expected?: unknown; household: Record<string, unknown> })
  .filter((c) => c.date === DATE && c.expected)
  .map((c) => c.household);
const households: Household[] = raw.map((x) => readHousehold(x).household!);

let tmp: string;
let jsonl: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-settings-'));
  jsonl = path.join(tmp, 'population.jsonl');
  fs.writeFileSync(jsonl, raw.map((h) => JSON.stringify(h)).join('\n') + '\n');
  raw.forEach((h, i) => fs.writeFileSync(path.join(tmp, `h${i}.json`), JSON.stringify(h)));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Outputs = Record<string, number | string | boolean>;
const evaluated = new Map<string, Outputs[]>();

async function evalAll(kind: string): Promise<Outputs[]> {
  const r = await cli(['eval', POLICY, '--households', jsonl, '--date', DATE, ...setArgs(SPELLINGS[kind] ?? [])]);
  expect(r.err, kind).toBe('');
  expect(r.code, kind).toBe(0);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { outputs: Outputs });
  expect(lines).toHaveLength(raw.length);
  return lines.map((l) => l.outputs);
}

async function simulateCli(kind: string): Promise<SimulationResult> {
  const r = await cli(['simulate', POLICY, '--population', jsonl, '--date', DATE, '--json', ...ALL_CLAIM, ...setArgs(SPELLINGS[kind]!)]);
  expect(r.code, r.err).toBe(0);
  const { population: _, ...result } = JSON.parse(r.out) as SimulationResult & { population: string };
  return result as SimulationResult;
}

describe('the same settings by id, by label and by entry', () => {
  beforeAll(async () => {
    expect(households.length).toBeGreaterThanOrEqual(50);
    for (const kind of ['none', ...KINDS]) evaluated.set(kind, await evalAll(kind));
  });

  it('doudi eval gives the same outputs for every household, and not the outputs without them', () => {
    for (const kind of KINDS) expect(evaluated.get(kind), kind).toEqual(evaluated.get('ids'));
    expect(evaluated.get('ids')).not.toEqual(evaluated.get('none'));
  });

  it('doudi simulate gives the same result, whose costs are eval’s outputs added up', async () => {
    const results = await Promise.all(KINDS.map(simulateCli));
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
    const outputs = evaluated.get('ids')!;
    const sum = (id: string) => outputs.reduce((s, o) => s + (o[id] as number) * 100, 0) / 100;
    expect(results[0]!.programmes.dibao.monthly_cost).toBeCloseTo(sum('dibao_benefit'), 6);
    expect(results[0]!.programmes.tekun.monthly_cost).toBeCloseTo(sum('tekun_benefit'), 6);
    expect(results[0]!.programmes.price.monthly_cost).toBeCloseTo(sum('price_subsidy'), 6);
  });

  it('the studio’s service gives the same results and explanations', async () => {
    // The service's simulator, with the conformance households loaded as its population.
    const sim = new Simulator();
    const pop = fromHouseholds(households);
    await sim.setPopulation(pop.columns, pop.ids?.households);
    const service = new SimService(sim);
    const { ir, source } = policyEntry(POLICY);
    const key = await service.setPolicy(source, ir);
    const viaCli = await simulateCli('ids');
    for (const [i, kind] of KINDS.entries()) {
      const scenario = { policy: key, date: DATE, sets: pairs(SPELLINGS[kind]!) };
      const r = await service.simulate(scenario, i + 1, undefined, ALL_CLAIM_BEHAVIOUR);
      expect(r, kind).toEqual(viaCli);
      for (const h of [0, 7, raw.length - 1]) {
        const e = await service.explain(scenario, raw[h]!);
        expect(e.error, `${kind} household ${h}`).toBeUndefined();
        expect(e.outputs, `${kind} household ${h}`).toEqual(evaluated.get('ids')![h]);
      }
    }
  });

  it('doudi test passes with eval’s outputs expected, the settings set by id and by label (set lines name a whole parameter)', async () => {
    const m = policyEntry(POLICY).compiled;
    const literal = (id: string, v: number | string | boolean): string => {
      const type = m.outputs.find((o) => o.id === id)!.type;
      return type.startsWith('money') ? `¥${v}` : String(v);
    };
    // The same scenario in the language's own literals (which have no thousands separators).
    const SET_LINES = {
      ids: ['dibao_standard = ¥1620', 'cpi_yoy = 3.6%', 'food_cpi_yoy = 6.1%'],
      labels: ['低保标准 = ¥1620', '居民消费价格同比涨幅 = 3.6%', '食品价格同比涨幅 = 6.1%'],
    };
    const setLines = (kind: 'ids' | 'labels') => SET_LINES[kind].map((x) => `  set ${x}`);
    const tests = (['ids', 'labels'] as const).flatMap((kind) =>
      raw.map((_, i) =>
        [
          `test "${kind}: household ${i}" [ref §4]`,
          `  date ${DATE}`,
          ...setLines(kind),
          `  household from "h${i}.json"`,
          ...Object.entries(evaluated.get('ids')![i]!).map(([id, v]) => `  expect ${id} = ${literal(id, v)}`),
          '',
        ].join('\n'),
      ),
    );
    const file = path.join(tmp, 'settings.test.doudi');
    fs.writeFileSync(file, `policy settings_tests "设定的三种写法" extends "${path.resolve(POLICY)}"\n\n${tests.join('\n')}`);
    const r = await cli(['test', file]);
    expect(r.err).toBe('');
    expect(r.out).toContain(`${2 * raw.length} passed, 0 failed`);
    expect(r.code).toBe(0);
  });
});
