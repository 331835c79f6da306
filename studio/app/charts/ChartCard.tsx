/** A chart in a card: title, the chart, a legend, and exports (PNG, SVG, CSV of its data). */
import { useRef, type ReactNode } from 'react';
import { useT } from '../ui/context.ts';
import { download, fileName } from '../lib/download.ts';
import { toCsv, type Cell } from '../lib/csv.ts';
import { chartSvg, svgToPng, type LegendItem } from './export.ts';

export interface ChartData {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export function ChartCard(props: { id: string; title: string; subtitle?: string; legend?: readonly LegendItem[]; data: ChartData; children: ReactNode; height?: number; actions?: ReactNode }) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  const legend = props.legend ?? [];
  const svg = () => (body.current ? chartSvg(body.current, props.title, legend) : null);
  return (
    <figure className="card chart-card" data-testid={`chart-${props.id}`}>
      <figcaption className="card-head">
        <div>
          <div className="card-title">{props.title}</div>
          {props.subtitle && <div className="card-sub">{props.subtitle}</div>}
        </div>
        <div className="card-actions">
          {props.actions}
          <button
            className="chip"
            data-testid={`export-png-${props.id}`}
            onClick={async () => {
              const s = svg();
              if (s) download(fileName(props.title, 'png'), await svgToPng(s));
            }}
          >
            {t('exportPng')}
          </button>
          <button
            className="chip"
            data-testid={`export-svg-${props.id}`}
            onClick={() => {
              const s = svg();
              if (s) download(fileName(props.title, 'svg'), s.text, 'image/svg+xml;charset=utf-8');
            }}
          >
            {t('exportSvg')}
          </button>
          <button className="chip" data-testid={`export-csv-${props.id}`} onClick={() => download(fileName(props.title, 'csv'), toCsv(props.data.header, props.data.rows), 'text/csv;charset=utf-8')}>
            {t('exportCsv')}
          </button>
        </div>
      </figcaption>
      <div className="chart-body" ref={body} style={{ height: props.height ?? 240 }}>
        {props.children}
      </div>
      {legend.length > 0 && (
        <div className="legend">
          {legend.map((l) => (
            <span key={l.label} className="legend-item">
              <span className="swatch" style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}
