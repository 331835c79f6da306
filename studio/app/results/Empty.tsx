/** What a panel shows before the first results: a calm placeholder, or the error. */
import { useStudio, useT } from '../ui/context.ts';

export function Empty(props: { text?: string }) {
  const t = useT();
  const run = useStudio((s) => s.run);
  const error = useStudio((s) => s.populationError);
  if (error || (run.status === 'error' && run.message !== 'cancelled'))
    return <div className="empty-state error">{error ?? run.message}</div>;
  return (
    <div className="empty-state">
      {run.status === 'running' && <span className="spinner" aria-hidden />}
      {props.text ?? (run.status === 'running' ? t('preparing') : t('noResults'))}
    </div>
  );
}
