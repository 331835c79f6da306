/** Formatting bound to the chosen language. */
import { useMemo } from 'react';
import { useStudio } from './context.ts';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../lib/format.ts';

export function useFmt() {
  const lang = useStudio((s) => s.lang);
  return useMemo(
    () => ({
      lang,
      money: (x: number, o: { signed?: boolean; decimals?: number; millions?: boolean } = {}) => formatMoney(x, lang, o),
      count: (x: number, o: { signed?: boolean } = {}) => formatCount(x, lang, o),
      pct: (x: number, digits = 1, o: { signed?: boolean } = {}) => formatPercent(x, digits, o),
      num: (x: number, decimals = 2) => formatNumber(x, lang, decimals),
    }),
    [lang],
  );
}
