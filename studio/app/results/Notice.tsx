/**
 * The decision text of one household (57号 §21's written notice) above its explanation: the words
 * come from language/explain in the studio's language, the numbers from the decision, exactly. It
 * prints alone as a notice draft, and downloads as text.
 */
import { useMemo } from 'react';
import { noticeText, type Decision } from '../../../language/explain/index.ts';
import { useT } from '../ui/context.ts';
import { useFmt } from '../ui/hooks.ts';
import { download, fileName } from '../lib/download.ts';

/** Prints the notice alone: the page's print rules show only `.notice-draft` while the body has `print-notice`. */
function printNotice(): void {
  document.body.classList.add('print-notice');
  const done = () => {
    document.body.classList.remove('print-notice');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  // Browsers that print synchronously have printed by now; afterprint may not come in every one.
  setTimeout(done, 1000);
}

export function Notice({ decision }: { decision: Decision }) {
  const t = useT();
  const f = useFmt();
  const text = useMemo(() => noticeText(decision, f.lang), [decision, f.lang]);
  return (
    <section className="notice-draft" data-testid="notice">
      <div className="notice-head">
        <div className="sub-title">{t('noticeTitle')}</div>
        <div className="card-actions">
          <button className="chip" data-testid="print-notice" onClick={printNotice}>
            {t('printNotice')}
          </button>
          <button className="chip" data-testid="download-notice" onClick={() => download(fileName(`${t('noticeTitle')}-${decision.household}`, 'txt'), text)}>
            {t('downloadNotice')}
          </button>
        </div>
      </div>
      <pre className="notice-text" data-testid="notice-text" lang={f.lang === 'zh' ? 'zh-CN' : 'en'}>
        {text}
      </pre>
    </section>
  );
}
