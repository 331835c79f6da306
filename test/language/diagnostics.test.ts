/**
 * Diagnostics as data: each code declares its parameters (a misspelt or missing one does not
 * compile — `tsc --noEmit` runs over this file), the parameters stay on the diagnostic, and the
 * message is made from them.
 */
import { describe, it, expect } from 'vitest';
import { makeDiagnostic, isCode, CODES, type Range } from '../../language/index.ts';
import { rules, expectDiagnostic } from '../support/policies.ts';

const at: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

describe('typed diagnostics', () => {
  it('makes the message from the declared parameters and keeps them as data', () => {
    const d = makeDiagnostic('unit-mismatch', { what: 'in this sum', left: 'money/month', right: 'money/year' }, 'f.doudi', at);
    expect(d.message).toBe('money/month and money/year do not mix in this sum');
    expect(d.params).toEqual({ what: 'in this sum', left: 'money/month', right: 'money/year' });
    expect(d.severity).toBe(CODES['unit-mismatch'].severity);
  });

  it('refuses, at compile time, a misspelt, missing or mistyped parameter', () => {
    const made = [
      // @ts-expect-error — "lft" is not a parameter of unit-mismatch
      makeDiagnostic('unit-mismatch', { what: 'in this sum', lft: 'money/month', right: 'money/year' }, 'f.doudi', at),
      // @ts-expect-error — "right" is missing
      makeDiagnostic('unit-mismatch', { what: 'in this sum', left: 'money/month' }, 'f.doudi', at),
      // @ts-expect-error — table-arity counts cells: numbers, not text
      makeDiagnostic('table-arity', { found: 'two', expected: 3 }, 'f.doudi', at),
      // @ts-expect-error — a code without parameters takes none
      makeDiagnostic('missing-header', { name: 'x' }, 'f.doudi', at),
    ];
    // At run time the messages are still made (from whatever was given).
    expect(made.every((d) => typeof d.message === 'string')).toBe(true);
  });

  it('diagnostics of a check carry their parameters, typed by their code', () => {
    const d = expectDiagnostic(rules`household a : money/month [d] = last_benefit + medical_costs`, 'unit-mismatch');
    if (!isCode(d, 'unit-mismatch')) throw new Error('narrowing failed');
    expect([d.params.left, d.params.right]).toEqual(['money/month', 'money/year']);
    expect(d.message).toContain(d.params.left);
  });
});
