/**
 * Numbers as the studio shows them: 万 and 亿 in Chinese, thousands separators in English.
 * Money is yuan. A minus sign is U+2212 so that signed figures line up.
 */
export type Lang = 'zh' | 'en';

const MINUS = '\u2212';

/** Up to `digits` decimals, trailing zeros dropped ("15.20" → "15.2", "15.00" → "15"). */
function trim(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return digits > 0 ? s.replace(/\.?0+$/, '') : s;
}

function grouped(x: number, decimals = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** The magnitude in 万/亿 for Chinese ("89.26亿", "93.1万", "1595"). */
function chinese(a: number, small: (a: number) => string): string {
  if (a >= 1e8) return `${trim(a / 1e8, a >= 1e11 ? 0 : 2)}亿`;
  if (a >= 1e4) return `${trim(a / 1e4, a >= 1e7 ? 0 : a >= 1e6 ? 1 : 2)}万`;
  return small(a);
}

function sign(x: number, signed: boolean): string {
  if (x < 0) return MINUS;
  return signed && x > 0 ? '+' : '';
}

export interface MoneyOptions {
  /** "+" before a positive amount */
  readonly signed?: boolean;
  /** decimals for amounts under ¥10,000 (default: 2 when the amount has fen, else 0) */
  readonly decimals?: number;
  /** short form in English too ("¥8.93 bn"), for axes */
  readonly compact?: boolean;
  /** large amounts in millions or billions in English ("¥892.6 m", "¥8.93 bn"), for headline figures */
  readonly millions?: boolean;
}

export function formatMoney(x: number, lang: Lang, o: MoneyOptions = {}): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  const rounded = Math.round(a * 100) / 100;
  const decimals = o.decimals ?? (Number.isInteger(rounded) ? 0 : 2);
  const body =
    lang === 'zh'
      ? chinese(rounded, (v) => grouped(v, a >= 1000 ? 0 : decimals))
      : o.compact
        ? compactEn(rounded)
        : o.millions && rounded >= 1e9
          ? `${grouped(rounded / 1e9, 2)} bn`
          : o.millions && rounded >= 1e7
          ? `${grouped(rounded / 1e6, 1)} m`
          : grouped(rounded, a >= 10000 ? 0 : decimals);
  return `${sign(x, o.signed ?? false)}¥${body}`;
}

export function formatCount(x: number, lang: Lang, o: { signed?: boolean; compact?: boolean } = {}): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.round(Math.abs(x));
  const body = lang === 'zh' ? chinese(a, (v) => String(v)) : o.compact ? compactEn(a) : grouped(a);
  return `${sign(Math.round(x), o.signed ?? false)}${body}`;
}

function compactEn(a: number): string {
  if (a >= 1e9) return `${trim(a / 1e9, 2)} bn`;
  if (a >= 1e6) return `${trim(a / 1e6, 2)} m`;
  if (a >= 1e4) return `${trim(a / 1e3, 1)} k`;
  return grouped(a);
}

/** A share (0.123 → "12.3%"). */
export function formatPercent(x: number, digits = 1, o: { signed?: boolean } = {}): string {
  if (!Number.isFinite(x)) return '—';
  return `${sign(x, o.signed ?? false)}${Math.abs(x * 100).toFixed(digits)}%`;
}

/** A duration for the discreet timing label ("120 ms", "1.4 s"). */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A plain number with grouping in English and none in Chinese below 万 (parameters, ages). */
export function formatNumber(x: number, lang: Lang, decimals = 2): string {
  if (!Number.isFinite(x)) return '—';
  const s = trim(Math.abs(x), decimals);
  const [whole, frac] = s.split('.');
  const w = lang === 'en' ? Number(whole).toLocaleString('en-US') : whole!;
  return `${x < 0 ? MINUS : ''}${w}${frac ? `.${frac}` : ''}`;
}
