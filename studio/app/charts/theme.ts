/** Colours and axis formatting shared by the charts. */
import { formatCount, formatMoney, type Lang } from '../lib/format.ts';

export const C = {
  baseline: '#9aa5b8',
  reform: '#2f6fdb',
  up: '#c76a1a',
  down: '#1b8a6b',
  grid: '#edf0f4',
  axis: '#8a93a3',
  accent2: '#7b4bc4',
  bands: ['#c2410c', '#f4a66a', '#d9dee6', '#8fb6f0', '#2f6fdb'],
} as const;

export const BANDS = ['lose_more_than_5pct', 'lose', 'no_change', 'gain', 'gain_more_than_5pct'] as const;

export const PROGRAMMES = ['dibao', 'tekun', 'price', 'temporary', 'expenditure'] as const;

export const axisMoney = (lang: Lang) => (v: number) => formatMoney(v, lang, { compact: true });
export const axisCount = (lang: Lang) => (v: number) => formatCount(v, lang, { compact: true });

export const AXIS = { stroke: C.axis, fontSize: 11, tickLine: false, axisLine: { stroke: '#d6dbe3' } } as const;
