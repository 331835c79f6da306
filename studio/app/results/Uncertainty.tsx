/**
 * Sampling uncertainty of the current comparison: the same baseline and reform over K synthetic
 * populations (seeds seed … seed + K − 1, take-up and income draws with them), each headline figure
 * with its mean and the interval holding the middle 90 % — what `doudi compare --seeds K` prints.
 */
import { useState } from 'react';
import * as Comlink from 'comlink';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { compareHeadline, overSeeds, type UncertaintyResult } from '../../../simulator/index.ts';
import { runBehaviour } from '../state/scenario.ts';
import { useJob, type JobState } from './useJob.ts';
import type { Results } from '../state/studio.ts';
import { JobProgress } from './JobProgress.tsx';
import { toCsv } from '../lib/csv.ts';
import { download } from '../lib/download.ts';

const SEEDS = [5, 10, 20] as const;

/** The figures shown, by the name compareHeadline gives them. */
const ROWS = [
  ['baseline.annual_cost', 'costBaseline', 'money'],
  ['reform.annual_cost', 'costReform', 'money'],
  ['delta.annual_cost', 'costDelta', 'money'],
  // The reform's net cost to the province (where the policy gives the shares of who pays).
  ['delta.local_cost', 'netCostProvince', 'money'],
  ['reform.dibao.persons', 'dibaoPersons', 'count'],
  ['reform.tekun.persons', 'tekunPersons', 'count'],
  ['changes.newly_covered.households', 'newlyCoveredHouseholds', 'count'],
  ['changes.no_longer_covered.households', 'noLongerCoveredHouseholds', 'count'],
] as const;

export interface Answer {
  /** what was run: a later result with another key is not this one's */
  readonly key: string;
  readonly result: UncertaintyResult;
}

/** What an uncertainty answer was computed for: the comparison on screen, its population and assumptions. */
export function uncertaintyKey(results: Results): string {
  const sc = results.scenario;
  return JSON.stringify([results.baseline.key, results.reform.key, sc.date, sc.sets, sc.population, sc.behaviour ?? {}]);
}

/** The panel's last answer, when it is for the comparison on screen (for the report). */
export function currentUncertainty(studio: { panel<T>(key: string): T | undefined }, results: Results): UncertaintyResult | undefined {
  const answer = studio.panel<JobState<Answer>>('uncertainty.job')?.result;
  return answer && answer.key === uncertaintyKey(results) ? answer.result : undefined;
}

export function Uncertainty() {
  const t = useT();
  const f = useFmt();
  const studio = useStudioApi();
  const results = useStudio((s) => s.results);
  const [k, setK] = useState<number>(() => studio.panel<number>('uncertainty.k') ?? 10);
  const job = useJob<Answer>('uncertainty.job');
  if (!results) return null;
  const sc = results.scenario;
  const key = uncertaintyKey(results);
  const run = () =>
    job.start(async (id, onProgress) => {
      const first = sc.population.seed;
      const seeds = Array.from({ length: k }, (_, i) => first + i);
      const year = Number(sc.date.slice(0, 4));
      const r = await overSeeds(
        seeds,
        (seed) => {
          const i = seed - first;
          const progress = Comlink.proxy((d: number, n: number) => onProgress(i * n + d, k * n));
          return studio.services.sim.compareOn({ ...sc.population, seed, year }, { policy: results.baseline.key, date: sc.date }, { policy: results.reform.key, date: sc.date, sets: sc.sets }, id, progress, runBehaviour({ ...sc, population: { ...sc.population, seed } }));
        },
        compareHeadline,
      );
      return { key, result: { seeds: r.seeds, level: r.level, figures: r.figures } };
    });
  const answer = job.state.result;
  const stale = answer !== undefined && answer.key !== key;
  const show = (x: number, kind: 'money' | 'count', signed = false) => (kind === 'money' ? f.money(x, { signed, millions: true }) : f.count(x, { signed }));
  return (
    <div className={`card uncertainty ${stale ? 'stale' : ''}`} data-testid="uncertainty">
      <div className="card-head">
        <div>
          <div className="card-title">{t('uncertainty')}</div>
          <div className="card-sub">{t('uncertaintySub')}</div>
        </div>
        <div className="row">
          <select className="input" value={k} aria-label={t('seedCount')} onChange={(e) => {
              setK(Number(e.target.value));
              studio.setPanel('uncertainty.k', Number(e.target.value));
            }}>
            {SEEDS.map((n) => (
              <option key={n} value={n}>
                {`${n} ${t('seedCount')}`}
              </option>
            ))}
          </select>
          <button className="btn primary" data-testid="uncertainty-run" disabled={job.state.status === 'running'} onClick={() => void run()}>
            {t('runUncertainty')}
          </button>
          <JobProgress state={job.state} onCancel={job.cancel} />
        </div>
      </div>
      {job.state.status === 'error' && !answer && <div className="notice error">{job.state.error}</div>}
      {answer && (
        <>
          <table className="table" data-testid="uncertainty-table">
            <thead>
              <tr>
                <th />
                <th className="num">{t('mean')}</th>
                <th className="num">{t('interval90')}</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([id, label, kind]) => {
                const x = answer.result.figures[id];
                if (!x) return null;
                const signed = id.startsWith('delta.');
                return (
                  <tr key={id} className={signed ? 'strong' : ''}>
                    <th className="row-head">{t(label)}</th>
                    <td className="num" data-value={x.mean}>
                      {show(x.mean, kind, signed)}
                    </td>
                    <td className="num">{`${show(x.low, kind, signed)} … ${show(x.high, kind, signed)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="card-foot row">
            <span className="muted small">{`${t('seedsUsed')} ${answer.result.seeds[0]}–${answer.result.seeds[answer.result.seeds.length - 1]}${stale ? ` · ${t('staleResult')}` : ''}`}</span>
            <span className="spacer" />
            <button
              className="chip"
              data-testid="export-csv-uncertainty"
              onClick={() =>
                download('uncertainty.csv', toCsv(['figure', 'mean', 'low_5pct', 'high_95pct', 'sd'], Object.entries(answer.result.figures).map(([name, x]) => [name, x.mean, x.low, x.high, x.sd])), 'text/csv;charset=utf-8')
              }
            >
              CSV
            </button>
          </div>
        </>
      )}
    </div>
  );
}
