/** The right side: the headline figures, always in view, and the panels in tabs. */
import { useState } from 'react';
import { useStudio, useStudioApi, useT } from '../ui/context.ts';
import type { StringKey } from '../i18n/strings.ts';
import { Headline } from './Headline.tsx';
import { Overview } from './Overview.tsx';
import { Distribution } from './Distribution.tsx';
import { Parameters } from './Parameters.tsx';
import { Sweep } from './Sweep.tsx';
import { Months } from './Months.tsx';
import { Explorer } from './Explorer.tsx';
import { Scenarios } from './Scenarios.tsx';
import { Calibration } from './Calibration.tsx';
import { ExportPanel } from './ExportPanel.tsx';

const PANELS: readonly { id: string; label: StringKey; view: () => React.JSX.Element }[] = [
  { id: 'overview', label: 'overview', view: Overview },
  { id: 'parameters', label: 'parameters', view: Parameters },
  { id: 'distribution', label: 'distribution', view: Distribution },
  { id: 'sweep', label: 'sweep', view: Sweep },
  { id: 'months', label: 'months', view: Months },
  { id: 'explorer', label: 'explorer', view: Explorer },
  { id: 'scenarios', label: 'scenarios', view: Scenarios },
  { id: 'calibration', label: 'calibration', view: Calibration },
  { id: 'export', label: 'exportTab', view: ExportPanel },
];

export function ResultsPane() {
  const t = useT();
  const studio = useStudioApi();
  const [tab, setTab] = useState(() => studio.panel<string>('tab') ?? 'overview');
  const changed = useStudio((s) => Object.keys(s.scenario.sets).length);
  const View = PANELS.find((p) => p.id === tab)!.view;
  return (
    <section className="pane results-pane">
      <Headline />
      <nav className="tabs panel-tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p.id}
            role="tab"
            aria-selected={tab === p.id}
            className={`panel-tab ${tab === p.id ? 'on' : ''}`}
            data-testid={`panel-${p.id}`}
            onClick={() => {
              setTab(p.id);
              studio.setPanel('tab', p.id);
            }}
          >
            {t(p.label)}
            {p.id === 'parameters' && changed > 0 && <span className="badge">{changed}</span>}
          </button>
        ))}
      </nav>
      <div className="panel-body" role="tabpanel">
        <View />
      </div>
    </section>
  );
}
