/** Parameter controls: kinds, slider ranges around the value in force, setting texts. */
import { describe, expect, it } from 'vitest';
import { controlKind, inputSetting, inputText, niceStep, parameterControls, settingNumber, settingText, sliderRange, sweepValues } from '../../studio/app/lib/params.ts';
import { policyEntry, SHANGHAI } from '../support/simulator.ts';

describe('slider ranges', () => {
  it('puts money from half to one and a half times the value, in whole-yuan steps', () => {
    const r = sliderRange('money', 1595);
    expect(r.step).toBe(10);
    expect(r.min).toBe(790);
    expect(r.max).toBe(2400);
    expect(r.min).toBeLessThanOrEqual(1595);
    expect(r.max).toBeGreaterThanOrEqual(1595);
    expect(sliderRange('money', 870)).toEqual({ min: 435, max: 1305, step: 5 });
    expect(sliderRange('money', 12)).toEqual({ min: 6, max: 18, step: 1 });
    expect(sliderRange('money', 0)).toEqual({ min: 0, max: 1000, step: 10 });
  });

  it('puts rates from 0 to about twice the value, in 0.1 or 0.5 point steps', () => {
    expect(sliderRange('rate', 0)).toEqual({ min: 0, max: 0.1, step: 0.001 });
    expect(sliderRange('rate', 0.035)).toEqual({ min: 0, max: 0.07, step: 0.001 });
    expect(sliderRange('rate', 0.3)).toEqual({ min: 0, max: 0.6, step: 0.005 });
    const high = sliderRange('rate', 0.9);
    expect(high.min).toBe(0);
    expect(high.max).toBeGreaterThanOrEqual(1.35);
  });

  it('keeps counts whole and ages around their value', () => {
    expect(sliderRange('integer', 6)).toEqual({ min: 0, max: 12, step: 1 });
    expect(sliderRange('integer', 24)).toEqual({ min: 12, max: 36, step: 1 });
    expect(sliderRange('integer', 60)).toEqual({ min: 30, max: 90, step: 1 });
    expect(sliderRange('number', 2)).toEqual({ min: 0, max: 4, step: 0.05 });
  });

  it('contains the value for any value', () => {
    for (const kind of ['money', 'rate', 'number', 'integer'] as const)
      for (const v of [0, 0.01, 0.5, 1, 3, 17, 99.5, 1595, 84834, 1e6]) {
        const r = sliderRange(kind, kind === 'integer' ? Math.round(v) : v);
        expect(r.min).toBeLessThanOrEqual(v + 1e-9);
        expect(r.max).toBeGreaterThanOrEqual(kind === 'integer' ? Math.round(v) : v);
        expect(r.step).toBeGreaterThan(0);
      }
  });

  it('chooses 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1595, 200)).toBe(10);
    expect(niceStep(1, 100)).toBe(0.01);
    expect(niceStep(30, 100)).toBe(0.5);
    expect(niceStep(0)).toBe(1);
  });
});

describe('settings', () => {
  it('writes setting texts the simulator reads', () => {
    expect(settingText('money', 1700)).toBe('1700');
    expect(settingText('money', 1700.456)).toBe('1700.46');
    expect(settingText('rate', 0.035)).toBe('3.5%');
    expect(settingText('rate', 0.1 + 0.2)).toBe('30%');
    expect(settingText('integer', 23.6)).toBe('24');
    expect(settingText('bool', true)).toBe('true');
    expect(settingText('enum', 'fixed')).toBe('fixed');
  });

  it('reads them back', () => {
    expect(settingNumber('money', '¥1,700')).toBe(1700);
    expect(settingNumber('rate', '3.5%')).toBeCloseTo(0.035);
    expect(settingNumber('rate', '0.2')).toBe(0.2);
    expect(settingNumber('number', '1/6')).toBeCloseTo(1 / 6);
    expect(settingNumber('money', '')).toBeNaN();
  });

  it('accepts what a user types, or refuses it', () => {
    expect(inputSetting('money', '1800')).toBe('1800');
    expect(inputSetting('money', '¥1,800.5')).toBe('1800.5');
    expect(inputSetting('money', '1800.123')).toBeNull();
    expect(inputSetting('money', 'abc')).toBeNull();
    expect(inputSetting('money', '-5')).toBeNull();
    expect(inputSetting('rate', '3.5')).toBe('3.5%');
    expect(inputSetting('integer', '2.5')).toBeNull();
    expect(inputText('rate', 0.035)).toBe('3.5');
    expect(inputText('money', 1595)).toBe('1595');
  });

  it('reads typed values exactly, through the settings grammar (no binary float)', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; typed text stays exact
    expect(inputSetting('money', '0.30')).toBe('0.3');
    expect(inputSetting('money', '１６００')).toBe('1600'); // full-width digits
    expect(inputSetting('money', '1_600')).toBeNull();
    expect(inputSetting('money', '0x10')).toBeNull();
    expect(inputSetting('money', '1e3')).toBeNull();
    expect(inputSetting('rate', '3.12345')).toBeNull(); // more than six decimals of a fraction
    expect(inputSetting('rate', '3.1234')).toBe('3.1234%');
    expect(inputSetting('integer', '¥6')).toBeNull();
    expect(inputSetting('number', '0.0000001')).toBeNull();
    // slider positions never give exponent text, which the grammar refuses
    expect(settingText('number', 1e-7)).toBe('0');
    expect(settingText('rate', 0.0000031)).toBe('0.0003%');
  });

  it('sweeps over the slider range', () => {
    const s = sweepValues('money', 1595, 11);
    expect(s.texts[0]).toBe('790');
    expect(s.texts.at(-1)).toBe('2400');
    expect(s.texts).toHaveLength(11);
  });
});

describe("controls from the Shanghai policy's IR", () => {
  const controls = parameterControls(policyEntry(SHANGHAI).ir);
  const byId = new Map(controls.map((c) => [c.id, c]));

  it('gives each visible parameter and input a control of its type', () => {
    expect(byId.get('dibao_standard')).toMatchObject({ kind: 'money', unit: 'money/month', input: false });
    expect(byId.get('dibao_standard')!.entries!.map((e) => e.id)).toEqual(['urban', 'rural']);
    expect(byId.get('cpi_yoy')).toMatchObject({ kind: 'rate', input: true });
    expect(byId.get('grace_months')?.kind).toBe('integer');
    expect(byId.get('basic_pension_counted')?.kind).toBe('bool');
    expect(byId.get('employment_deduction')?.kind).toBe('enum');
    expect(byId.get('employment_deduction')!.options!.length).toBeGreaterThan(1);
    expect(byId.get('rigid_hardship_from')?.kind).toBe('date');
    expect(byId.get('dibao_standard')!.cite).toContain('ref');
  });

  it('leaves out hidden base versions', () => {
    expect(controls.some((c) => c.id.includes('@'))).toBe(false);
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
  });

  it('maps types to kinds', () => {
    expect(controlKind({ k: 'months' })).toBe('integer');
    expect(controlKind({ k: 'region' })).toBe('none');
  });
});
