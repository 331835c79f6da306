/**
 * Controls for a policy's parameters, from the IR: the kind of input each type takes, a slider
 * range around the current value, and the setting text the simulator takes (`--set` syntax:
 * "1700" yuan, "3.5%", "true", an enum value id, a date).
 */
import { rational, type ParameterIR, type PolicyIR, type Type } from '../../../language/index.ts';
import { exactDecimal, parseQuantity } from '../../../language/run/index.ts';

export type ControlKind = 'money' | 'rate' | 'number' | 'integer' | 'bool' | 'enum' | 'date' | 'none';

export function controlKind(t: Type): ControlKind {
  switch (t.k) {
    case 'money':
      return 'money';
    case 'rate':
      return 'rate';
    case 'number':
      return 'number';
    case 'integer':
    case 'months':
      return 'integer';
    case 'bool':
      return 'bool';
    case 'enum':
      return 'enum';
    case 'date':
      return 'date';
    default:
      return 'none';
  }
}

/** 1, 2 or 5 times a power of ten, at least `span` / `steps`. */
export function niceStep(span: number, steps = 100): number {
  if (!(span > 0)) return 1;
  const raw = span / steps;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return Number((nice * p).toPrecision(12));
}

const floorTo = (x: number, s: number): number => Number((Math.floor(x / s + 1e-9) * s).toPrecision(12));
const ceilTo = (x: number, s: number): number => Number((Math.ceil(x / s - 1e-9) * s).toPrecision(12));

export interface Range {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/**
 * A slider range around the current value: money from half to one and a half times it (whole
 * yuan steps or coarser), rates from 0 to about twice the value (in steps of 0.1 or 0.5 point),
 * counts from 0 to twice the value (whole numbers), always containing the value.
 */
export function sliderRange(kind: ControlKind, value: number): Range {
  const v = Math.max(0, value);
  switch (kind) {
    case 'money': {
      if (v === 0) return { min: 0, max: 1000, step: 10 };
      const step = Math.max(1, niceStep(v, 200));
      return { min: floorTo(v * 0.5, step), max: ceilTo(v * 1.5, step), step };
    }
    case 'rate': {
      const max = v === 0 ? 0.1 : v < 0.5 ? Math.min(1, ceilTo(v * 2, 0.01)) : ceilTo(Math.max(1, v * 1.5), 0.05);
      return { min: 0, max: Math.max(max, ceilTo(v, 0.01)), step: max <= 0.2 ? 0.001 : 0.005 };
    }
    case 'integer': {
      if (v >= 20) {
        const step = 1;
        return { min: Math.floor(v * 0.5), max: Math.ceil(v * 1.5), step };
      }
      return { min: 0, max: Math.max(12, v * 2), step: 1 };
    }
    case 'number': {
      if (v === 0) return { min: 0, max: 1, step: 0.01 };
      const step = niceStep(v * 2, 100);
      return { min: 0, max: ceilTo(v * 2, step), step };
    }
    default:
      return { min: 0, max: 1, step: 1 };
  }
}

/**
 * A slider position as plain decimal text with at most `places` decimals (never an exponent such
 * as 1e-7, which the settings grammar refuses); slider positions are on a grid of nice steps.
 */
const plain = (x: number, places: number): string => {
  const t = x.toFixed(places).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
};

/** The setting text for a slider's number: money in yuan (to the fen), rates in percent (six decimals of a fraction). */
export function settingText(kind: ControlKind, x: number | string | boolean): string {
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  if (typeof x === 'string') return x;
  switch (kind) {
    case 'money':
      return plain(x, 2);
    case 'rate':
      return `${plain(x * 100, 4)}%`;
    case 'integer':
      return String(Math.round(x));
    default:
      return plain(x, 6);
  }
}

/** A setting text back to the control's number (money in yuan, a rate as a fraction); NaN if unreadable. */
export function settingNumber(kind: ControlKind, text: string): number {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,/g, '');
  if (t === '') return NaN;
  if (kind === 'rate') return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  const m = /^(-?\d+)\/(\d+)$/.exec(t);
  if (m) return Number(m[1]) / Number(m[2]);
  return Number(t);
}

/**
 * What the user typed in an input (yuan for money, percent for rates) as a setting text, or null if
 * invalid. Read exactly by the settings grammar (language/run: ¥ and 元, thousands separators,
 * full-width digits), never through a binary float: money must be whole fen, a rate at most six
 * decimals of a fraction, an integer whole; negative values are refused.
 */
export function inputSetting(kind: ControlKind, typed: string): string | null {
  const bare = typed.trim().replace(/[%％]$/, '');
  const q = parseQuantity(bare);
  if (!q.ok || q.value.value.n < 0n) return null;
  const v = q.value.value;
  if (q.value.unit === 'percent' || q.value.unit === 'months') return null;
  if (q.value.unit === 'yuan' && kind !== 'money') return null;
  switch (kind) {
    case 'money': {
      const text = exactDecimal(v, 2);
      return text ?? null;
    }
    case 'rate': {
      // typed in percent: the fraction is v / 100, at most six decimals
      const text = exactDecimal(v, 4);
      return text === undefined ? null : `${text}%`;
    }
    case 'integer':
      return rational.isInteger(v) ? v.n.toString() : null;
    default:
      return exactDecimal(v, 6) ?? null;
  }
}

/** The control's shown number for an input: yuan, or percent for rates. */
export function inputText(kind: ControlKind, x: number): string {
  if (kind === 'rate') return String(Number((x * 100).toPrecision(10)));
  if (kind === 'money') return String(Math.round(x * 100) / 100);
  return String(Number(x.toPrecision(10)));
}

export interface ParameterControl {
  readonly id: string;
  readonly label?: string;
  readonly kind: ControlKind;
  /** the type as the language writes it ("money/month", "rate", an enum's name) */
  readonly unit: string;
  readonly input: boolean;
  /** enum entries an indexed parameter is given by */
  readonly entries?: readonly { readonly id: string; readonly label?: string }[];
  /** enum values a value may take */
  readonly options?: readonly { readonly id: string; readonly label?: string }[];
  readonly cite: string;
}

const unitText = (t: Type): string => (t.k === 'money' ? (t.period === 'month' ? 'money/month' : t.period === 'year' ? 'money/year' : 'money') : t.k === 'enum' ? t.name : t.k);

function citeOf(p: ParameterIR): string {
  return p.cite.map((c) => ('assumption' in c ? `assumption: ${c.assumption}` : `${c.doc} ${c.locator}`.trim())).join('; ');
}

/** The controls of a policy: its visible parameters and scenario inputs, in declaration order. */
export function parameterControls(ir: PolicyIR): ParameterControl[] {
  const out: ParameterControl[] = [];
  for (const p of ir.parameters) {
    if (p.hidden) continue;
    const kind = controlKind(p.type);
    if (kind === 'none') continue;
    const t = p.type;
    const en = t.k === 'enum' ? ir.enums.find((e) => e.id === t.name) : undefined;
    const by = p.by ? ir.enums.find((e) => e.id === p.by) : undefined;
    out.push({
      id: p.id,
      ...(p.label ? { label: p.label } : {}),
      kind,
      unit: unitText(t),
      input: p.kind === 'input',
      ...(by ? { entries: by.values.map((v) => ({ id: v.id, ...(v.label ? { label: v.label } : {}) })) } : {}),
      ...(en ? { options: en.values.map((v) => ({ id: v.id, ...(v.label ? { label: v.label } : {}) })) } : {}),
      cite: citeOf(p),
    });
  }
  return out;
}

/** Values of a sweep: `points` evenly over the slider range of the current value. */
export function sweepValues(kind: ControlKind, current: number, points = 21): { texts: string[]; xs: number[] } {
  const r = sliderRange(kind, current);
  const xs: number[] = [];
  for (let i = 0; i < points; i++) {
    const x = r.min + ((r.max - r.min) * i) / (points - 1);
    xs.push(kind === 'money' ? Math.round(x) : kind === 'integer' ? Math.round(x) : Number(x.toPrecision(6)));
  }
  const unique = [...new Set(xs)];
  return { texts: unique.map((x) => settingText(kind, x)), xs: unique };
}
