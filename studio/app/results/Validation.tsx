/**
 * The validation table in the calibration panel: the shipped national and provincial policies on
 * their own synthetic populations against every published figure (brief §7) — the same rows as
 * `doudi validate`. Run on demand (it draws five populations); published figures are compared here,
 * never used to set an assumption.
 */
import { useState } from 'react';
import { useStudio, useStudioApi } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import type { ValidationRow } from '../../sim/protocol.ts';
import { useJob } from './useJob.ts';
import { JobProgress } from './JobProgress.tsx';
import { runBehaviour } from '../state/scenario.ts';
import type { CompiledPolicy } from '../state/studio.ts';

const POLICIES = ['policies/national/provinces.doudi', 'policies/zhejiang/zhejiang.doudi', 'policies/guangdong/guangdong.doudi'];

export function Validation() {
  const f = useFmt();
  const studio = useStudioApi();
  const workspace = useStudio((s) => s.workspace);
  const scenario = useStudio((s) => s.scenario);
  const job = useJob<readonly ValidationRow[]>('calibration.validation');
  const [households, setHouseholds] = useState(50_000);
  const zh = f.lang === 'zh';
  const run = () =>
    void job.start(async (id, onProgress) => {
      const policies: Record<string, Pick<CompiledPolicy, 'source' | 'ir'>> = {};
      for (const path of POLICIES) {
        const r = await studio.compileFiles(workspace.shipped, path);
        if (Array.isArray(r)) throw new Error(`${path}: ${r.length} errors`);
        policies[path] = { source: r.source, ir: r.ir };
      }
      return studio.services.sim.validate(policies, households, id, onProgress, runBehaviour(scenario));
    });
  const rows = job.state.result;
  const show = (x: number, unit: ValidationRow['unit']) =>
    unit === 'share' ? f.pct(x) : unit === 'ratio' ? f.num(x, 2) : unit === 'yuan' ? f.money(x) : f.count(x);
  return (
    <div className="card table-card" data-testid="validation">
      <div className="card-head">
        <div>
          <div className="card-title">{zh ? '与公开统计对照（验证）' : 'Against published figures (validation)'}</div>
          <div className="card-sub">
            {zh
              ? '随附的全国分省模型与浙江、广东政策，各在本省合成人口上运行；公开数字只用于对照，从不用于设定假设（同 doudi validate）'
              : 'the shipped provinces model, Zhejiang and Guangdong, each on its own synthetic population; published figures are compared, never used to set an assumption (as doudi validate)'}
          </div>
        </div>
        <div className="toolbar inline">
          <label className="field inline-field">
            <span>{zh ? '每个人口户数' : 'households each'}</span>
            <select value={households} onChange={(e) => setHouseholds(Number(e.target.value))} data-testid="validation-households">
              {[20_000, 50_000, 100_000, 200_000].map((n) => (
                <option key={n} value={n}>
                  {f.count(n)}
                </option>
              ))}
            </select>
          </label>
          <button className="button" onClick={run} disabled={job.state.status === 'running'} data-testid="validation-run">
            {zh ? '运行验证' : 'Run validation'}
          </button>
          <JobProgress state={job.state} onCancel={job.cancel} />
        </div>
      </div>
      {job.state.error && <p className="error small">{job.state.error}</p>}
      {rows && (
        <table className="table compact validation-table">
          <thead>
            <tr>
              <th>{zh ? '公开数字' : 'published figure'}</th>
              <th className="num">{zh ? '模拟' : 'simulated'}</th>
              <th className="num">{zh ? '公开' : 'published'}</th>
              <th className="num">{zh ? '比值' : 'ratio'}</th>
              <th>{zh ? '目标' : 'goal'}</th>
            </tr>
          </thead>
          {rows.map((r) => (
            // A figure's row, and below it, across the table, the likely cause of its gap.
            <tbody key={r.id} className={r.goal && !r.goal.met ? 'warn' : undefined} data-testid={`validation-${r.id}`}>
              <tr>
                <td>
                  {zh ? r.name_zh : r.name} <span className="muted">[{r.tag}]</span>
                </td>
                <td className="num">{show(r.simulated, r.unit)}</td>
                <td className="num">{r.range ? `${r.range[0]}–${r.range[1]}` : show(r.published, r.unit)}</td>
                <td className="num">{f.num(r.ratio, 2)}</td>
                <td className="nowrap">{r.goal ? (zh ? `${r.goal.text_zh}：${r.goal.met ? '达到' : '未达到'}` : `${r.goal.text}: ${r.goal.met ? 'met' : 'NOT met'}`) : ''}</td>
              </tr>
              {r.cause !== 'close' && (
                <tr className="cause">
                  <td colSpan={5} className="small muted">
                    {zh ? `可能原因：${r.cause_zh}` : `likely cause: ${r.cause}`}
                  </td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
    </div>
  );
}
