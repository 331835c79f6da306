/**
 * The live loop of the studio with stand-in workers: each change re-runs the comparison, a newer
 * change cancels the run before it, answers of older runs are dropped, errors stop the run and
 * never pass old figures off as current.
 */
import { describe, expect, it } from 'vitest';
import { Studio, type Services } from '../../studio/app/state/studio.ts';
import { memoryStorage, StudioStore } from '../../studio/app/state/store.ts';
import type { CompareResult } from '../../studio/sim/protocol.ts';

const SHANGHAI = 'policies/shanghai/shanghai.doudi';
const SHIPPED = { [SHANGHAI]: 'policy shanghai', 'policies/national/framework.doudi': 'framework' };
const IR = { parameters: [{ id: 'dibao_standard', hidden: false }], policy: { id: 'shanghai' } };

/** A comparison whose annual cost delta says which reform text and settings it ran. */
function fakeCompare(cost: number): CompareResult {
  return { baseline: { annual_cost: 100 }, reforms: [{ name: 'reform', reform: { annual_cost: 100 + cost }, delta: { annual_cost: cost } }] } as unknown as CompareResult;
}

function fakeServices(delays: number[]) {
  let files: Record<string, string> = {};
  const cancelled: number[] = [];
  const compares: number[] = [];
  const behaviours: unknown[] = [];
  const lang = {
    setFiles: async (f: Record<string, string>, partial?: boolean) => void (files = partial ? { ...files, ...f } : { ...f }),
    compile: async (path: string) => (files[path]!.includes('error') ? { ok: false, diagnostics: [{ severity: 'error', message: 'bad' }] } : { ok: true, source: files[path], ir: IR, warnings: [] }),
    diagnostics: async () => ({}),
  };
  const sim = {
    generate: async () => ({ spec: {}, summary: {}, meta: {}, calibration: { rows: [] }, ms: 1 }),
    setPolicy: async (source: string) => source,
    parameterValues: async () => [],
    compare: async (_b: unknown, r: { policy: string; sets?: Record<string, string> }, id: number, _p?: unknown, behaviour?: unknown) => {
      compares.push(id);
      behaviours.push(behaviour);
      await new Promise((res) => setTimeout(res, delays.shift() ?? 0));
      return fakeCompare(r.policy.length + Number(r.sets?.dibao_standard ?? 0));
    },
    cancel: (id: number) => void cancelled.push(id),
  };
  let compilerFiles: Record<string, string> = {};
  const compilerCalls: string[] = [];
  const compiler = {
    ...lang,
    setFiles: async (f: Record<string, string>) => void (compilerFiles = { ...f }),
    compile: async (path: string) => {
      compilerCalls.push(path);
      return { ok: true, source: `base:${compilerFiles[path]}`, ir: IR, warnings: [] };
    },
  };
  return { services: { language: lang, runner: lang, compiler, sim } as unknown as Services, cancelled, compares, behaviours, compilerCalls };
}

const settle = (studio: Studio) =>
  new Promise<void>((resolve) => {
    const check = () => {
      if (studio.get().run.status !== 'running') {
        stop();
        resolve();
      }
    };
    const stop = studio.subscribe(check);
    setTimeout(check, 0);
  });

describe('live runs', () => {
  it('starts on the saved workspace and runs once', async () => {
    const storage = memoryStorage();
    await new StudioStore(storage).saveWorkspace({ files: { [SHANGHAI]: 'policy shanghai!!' }, removed: [], open: [SHANGHAI], active: SHANGHAI });
    const { services } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(storage), SHIPPED);
    await studio.init();
    await settle(studio);
    const s = studio.get();
    expect(s.workspace.files[SHANGHAI]).toBe('policy shanghai!!');
    expect(s.run.status).toBe('done');
    expect(s.results!.compare.reforms[0]!.delta.annual_cost).toBe('policy shanghai!!'.length);
    expect(s.run.ms).toBeGreaterThanOrEqual(0);
  });

  it('shows a change as running at once, and keeps only the newest answer', async () => {
    const { services, cancelled, compares } = fakeServices([0, 80, 0]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    await settle(studio);
    studio.setParameter('dibao_standard', '1000');
    expect(studio.get().run.status).toBe('running');
    await new Promise((r) => setTimeout(r, 40)); // the slow run is under way
    studio.setParameter('dibao_standard', '2000');
    await settle(studio);
    await new Promise((r) => setTimeout(r, 100)); // the slow answer arrives, and is dropped
    const s = studio.get();
    expect(s.run.status).toBe('done');
    expect(s.results!.compare.reforms[0]!.delta.annual_cost).toBe(2000 + 'policy shanghai'.length);
    expect(s.results!.runId).toBe(s.run.id);
    expect(cancelled).toContain(compares[1]);
  });

  it('cancels a long run on request, and keeps its answer off the screen', async () => {
    const { services, cancelled, compares } = fakeServices([0, 60]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    await settle(studio);
    const before = studio.get().results;
    studio.setParameter('dibao_standard', '3000');
    await new Promise((r) => setTimeout(r, 30));
    studio.cancelRun();
    expect(studio.get().run).toMatchObject({ status: 'error', message: 'cancelled' });
    expect(cancelled).toContain(compares[1]);
    await new Promise((r) => setTimeout(r, 80));
    expect(studio.get().results).toBe(before);
    expect(studio.get().run.status).toBe('error');
  });

  it('reports a policy with errors without passing old figures off as current', async () => {
    const { services } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    await settle(studio);
    const before = studio.get().results;
    studio.editFile(SHANGHAI, 'policy shanghai error');
    await settle(studio);
    const s = studio.get();
    expect(s.run.status).toBe('error');
    expect(s.compileErrors).toHaveLength(1);
    expect(s.results).toBe(before);
    expect(s.results!.runId).not.toBe(s.run.id);
    studio.editFile(SHANGHAI, 'policy shanghai fixed');
    await settle(studio);
    expect(studio.get().run.status).toBe('done');
    expect(studio.get().compileErrors).toHaveLength(0);
  });

  it('shows progress while a long run is under way, and a report arriving after the answer leaves it done', async () => {
    // Progress reaches the page on other message ports than the answer, so it may come last.
    const { services } = fakeServices([]);
    const seen: (number | undefined)[] = [];
    const sim = services.sim as unknown as { compare: (...a: unknown[]) => Promise<CompareResult> };
    sim.compare = async (_b, _r, _id, onProgress) => {
      const report = onProgress as (done: number, total: number) => void;
      await new Promise((res) => setTimeout(res, 300));
      report(1, 2);
      setTimeout(() => report(2, 2), 20);
      return fakeCompare(1);
    };
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    studio.subscribe(() => seen.push(studio.get().run.progress));
    await studio.init();
    await settle(studio);
    expect(seen).toContain(0.5);
    await new Promise((r) => setTimeout(r, 60)); // the late report has come
    expect(studio.get().run.status).toBe('done');
    expect(studio.get().run.progress).toBeUndefined();
  });

  it('runs under the scenario\'s behaviour assumptions, take-up drawn from the population seed', async () => {
    const { services, behaviours } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    await settle(studio);
    expect(behaviours.at(-1)).toEqual({ seed: 1 });
    studio.setBehaviour({ takeUp: { dibao: 0.8 } });
    await settle(studio);
    studio.setBehaviour({ imputedEarnings: 2000 });
    await settle(studio);
    expect(behaviours.at(-1)).toEqual({ seed: 1, takeUp: { dibao: 0.8 }, imputedEarnings: 2000 });
    expect(studio.get().results!.scenario.behaviour).toEqual({ takeUp: { dibao: 0.8 }, imputedEarnings: 2000 });
    studio.setBehaviour({ unreportedIncome: 0.2, incomeNoise: 0.4 });
    await settle(studio);
    expect(behaviours.at(-1)).toEqual({ seed: 1, takeUp: { dibao: 0.8 }, imputedEarnings: 2000, unreportedIncome: 0.2, incomeNoise: 0.4 });
    // Back to the default: the rate is dropped, not kept as a setting.
    studio.setBehaviour({ takeUp: { dibao: undefined }, imputedEarnings: undefined, unreportedIncome: 0, incomeNoise: undefined });
    studio.setScenario({ population: { region: '310000', households: 100_000, seed: 5 } });
    await settle(studio);
    expect(studio.get().scenario.behaviour).toEqual({});
    expect(behaviours.at(-1)).toEqual({ seed: 5 });
  });

  it('compares edits of the baseline file with its shipped version, and a reform file with the baseline as edited', async () => {
    const { services, compilerCalls } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    studio.editFile(SHANGHAI, 'policy shanghai edited');
    await settle(studio);
    expect(studio.get().results!.baseline.source).toBe('base:policy shanghai');
    const reform = studio.addFile('r', 'reform on shanghai');
    studio.setScenario({ reform });
    await settle(studio);
    expect(studio.get().results!.baseline.source).toBe('base:policy shanghai edited');
    expect(studio.get().results!.reform.source).toBe('reform on shanghai');
    // Typing in the reform file does not compile the baseline again.
    const baselineKey = studio.get().results!.baseline.key;
    const compiles = compilerCalls.length;
    studio.editFile(reform, 'reform on shanghai, edited');
    await settle(studio);
    expect(studio.get().results!.reform.source).toBe('reform on shanghai, edited');
    expect(studio.get().results!.baseline.key).toBe(baselineKey);
    expect(compilerCalls.length).toBe(compiles);
    // Back to the workspace's own copy: the shipped version again.
    studio.setScenario({ reform: null });
    await settle(studio);
    expect(studio.get().results!.baseline.source).toBe('base:policy shanghai');
  });

  it('opens policy files from disk, and refuses one that is not text without changing the workspace', async () => {
    const { services } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(memoryStorage()), SHIPPED);
    await studio.init();
    const file = (name: string, text: string) => ({ name, size: new TextEncoder().encode(text).length, text: async () => text });
    const before = studio.get().workspace;
    await studio.openFromDisk([file('photo.jpg', '\u00ff\u00d8\u0000JFIF')]);
    expect(studio.get().openError).toMatch(/^photo\.jpg: not a text file/);
    expect(studio.get().workspace).toBe(before);
    await studio.openFromDisk([file('my reform.doudi', 'policy r "r" extends "../shanghai/shanghai.doudi"\n')]);
    expect(studio.get().openError).toBeUndefined();
    expect(studio.get().workspace.files['policies/local/my-reform.doudi']).toContain('policy r');
    await settle(studio);
  });

  it('saves scenarios and loads one back with its edited files', async () => {
    const storage = memoryStorage();
    const { services } = fakeServices([]);
    const studio = new Studio(services, new StudioStore(storage), SHIPPED);
    await studio.init();
    studio.editFile(SHANGHAI, 'policy shanghai v2');
    studio.setParameter('dibao_standard', '1700');
    const saved = studio.saveScenario('A');
    expect(saved.files).toEqual({ [SHANGHAI]: 'policy shanghai v2' });
    studio.revertFile(SHANGHAI);
    studio.setParameter('dibao_standard', null);
    studio.loadScenario(saved.id);
    expect(studio.get().workspace.files[SHANGHAI]).toBe('policy shanghai v2');
    expect(studio.get().scenario.sets).toEqual({ dibao_standard: '1700' });
    await studio.flush();
    expect((await new StudioStore(storage).loadScenarios())!.saved.map((s) => s.name)).toEqual(['A']);
    await settle(studio);
  });
});
