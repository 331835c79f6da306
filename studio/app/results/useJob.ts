/** A cancellable worker job for a panel: its own run ids, progress, and the newest answer only. */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { useStudioApi } from '../ui/context.ts';
import { isCancelled } from '../sim/client.ts';

let nextJob = 1_000_000;

export interface JobState<T> {
  readonly status: 'idle' | 'running' | 'done' | 'error';
  readonly progress: number;
  readonly result?: T;
  readonly error?: string;
  readonly ms?: number;
}

export function useJob<T>(panelKey: string) {
  const studio = useStudioApi();
  const [state, setState] = useState<JobState<T>>(() => studio.panel<JobState<T>>(panelKey) ?? { status: 'idle', progress: 0 });
  const current = useRef(0);
  useEffect(() => {
    studio.setPanel(panelKey, state.status === 'running' ? { ...state, status: state.result ? 'done' : 'idle' } : state);
  }, [state, studio, panelKey]);
  const start = useCallback(
    async (run: (id: number, onProgress: (done: number, total: number) => void) => Promise<T>) => {
      if (current.current) void studio.services.sim.cancel(current.current);
      const id = ++nextJob;
      current.current = id;
      const t0 = performance.now();
      setState((s) => ({ ...s, status: 'running', progress: 0, error: undefined }));
      const onProgress = Comlink.proxy((done: number, total: number) => {
        if (current.current === id) setState((s) => ({ ...s, progress: total ? done / total : 0 }));
      });
      try {
        const result = await run(id, onProgress);
        if (current.current === id) setState({ status: 'done', progress: 1, result, ms: performance.now() - t0 });
      } catch (e) {
        if (current.current !== id) return;
        setState((s) => ({ ...s, status: isCancelled(e) ? (s.result ? 'done' : 'idle') : 'error', error: isCancelled(e) ? undefined : (e as Error).message }));
      } finally {
        if (current.current === id) current.current = 0;
      }
    },
    [studio],
  );
  const cancel = useCallback(() => {
    if (current.current) void studio.services.sim.cancel(current.current);
  }, [studio]);
  useEffect(() => () => {
    if (current.current) void studio.services.sim.cancel(current.current);
  }, [studio]);
  return { state, start, cancel };
}
