/** Progress of a panel's job, with cancel, and its time when done. */
import { useT } from '../ui/context.ts';
import { formatMs } from '../lib/format.ts';
import type { JobState } from './useJob.ts';

export function JobProgress({ state, onCancel }: { state: JobState<unknown>; onCancel: () => void }) {
  const t = useT();
  if (state.status === 'running')
    return (
      <span className="job-progress">
        <span className="progress">
          <span style={{ width: `${Math.round(state.progress * 100)}%` }} />
        </span>
        <button className="link" onClick={onCancel}>
          {t('cancel')}
        </button>
      </span>
    );
  // Without a result the panel shows the error in its place.
  if (state.status === 'error' && state.result !== undefined) return <span className="error-text">{state.error}</span>;
  if (state.status === 'done' && state.ms !== undefined) return <span className="timing">{formatMs(state.ms)}</span>;
  return null;
}
