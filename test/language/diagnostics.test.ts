/**
 * Diagnostics as data: each code declares its parameters (a misspelt or missing one does not
 * compile — `tsc --noEmit` runs over this file), the parameters stay on the diagnostic, and the
 * message is made from them.
 */
import { describe, it, expect } from 'vitest';
import { makeDiagnostic, isCode, countDiagnostics, normalizeDiagnostics, escapeInvisible, displayWidth, lex, SourceText, LIMITS, CODES, type Range } from '../../language/index.ts';
import { rules, expectDiagnostic, formatAll } from '../support/policies.ts';

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

describe('diagnostics per file are capped, with a closing line that counts the rest', () => {
  const many = (n: number, warnings = 0) =>
    rules`${Array.from({ length: warnings }, (_, i) => `household w${i} : integer = 1`).join('\n')}
${Array.from({ length: n }, (_, i) => `output o${i} : integer [d] = nowhere${i}`).join('\n')}`;

  it(`keeps ${LIMITS.diagnosticsPerFile} and closes with the count, as text and as JSON data`, () => {
    const r = many(1000);
    expect(r.diagnostics).toHaveLength(LIMITS.diagnosticsPerFile + 1);
    const last = r.diagnostics[r.diagnostics.length - 1]!;
    expect(last.code).toBe('too-many-diagnostics');
    expect(last.params).toEqual({ more: 800, errors: 800, warnings: 0, infos: 0 });
    expect(last.message).toBe('800 more diagnostics in this file are not listed (800 errors)');
    expect(countDiagnostics(r.diagnostics)).toEqual({ errors: 1000, warnings: 0, infos: 0 });
    // it points where the unlisted ones begin, and shows no source line
    expect(last.range.start.line).toBe(LIMITS.diagnosticsPerFile + 6);
    expect(formatAll(r).split('\n').pop()).toBe(`test.doudi:${LIMITS.diagnosticsPerFile + 6}:29: info too-many-diagnostics: 800 more diagnostics in this file are not listed (800 errors)`);
    expect(JSON.parse(JSON.stringify(r.diagnostics)).at(-1).params.errors).toBe(800);
    // sorting several files' diagnostics together keeps it last in its file
    expect(normalizeDiagnostics([...r.diagnostics].reverse()).at(-1)!.code).toBe('too-many-diagnostics');
  });

  it('lists errors before warnings, so a file with errors always shows them', () => {
    const r = many(5, 300);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(5);
    expect(r.diagnostics.at(-1)!.params).toEqual({ more: 105, errors: 0, warnings: 105, infos: 0 });
    expect(r.diagnostics.at(-1)!.message).toBe('105 more diagnostics in this file are not listed (105 warnings)');
  });

  it('does nothing below the cap', () => {
    expect(rules`output a : integer [d] = nowhere`.diagnostics.map((d) => d.code)).toEqual(['unknown-name']);
  });
});

describe('excerpts of long lines', () => {
  it(`show at most ${LIMITS.excerptColumns} characters around the caret, marked where cut`, () => {
    const r = rules`household a "${'甲'.repeat(50_000)}" : integer [d] = nowhere # ${'x'.repeat(50_000)}`;
    const text = formatAll(r).split('\n');
    expect(text).toHaveLength(3);
    const [, line, caret] = text as [string, string, string];
    expect(line.length).toBeLessThanOrEqual(LIMITS.excerptColumns + 4);
    expect(line.startsWith('  …') && line.endsWith('…')).toBe(true);
    // the caret stands under "nowhere", counting the width of what is shown before it (甲 is two columns)
    const shownBefore = line.slice(0, line.indexOf('nowhere'));
    expect(caret.indexOf('^')).toBe(displayWidth(shownBefore));
    expect(caret.trim()).toBe('^~~~~~~');
  });

  it('are unchanged for lines that fit', () => {
    const r = rules`household a : integer [d] = nowhere`;
    expect(formatAll(r)).toBe('test.doudi:5:29: error unknown-name: unknown name nowhere\n  household a : integer [d] = nowhere\n                              ^~~~~~~');
  });
});

describe('diagnostics never show invisible or direction-changing characters raw', () => {
  const RLO = '\u202e';
  const ZWSP = '\u200b';

  it('escapes them in messages that quote the source, and in excerpts', () => {
    const r = rules`household a : integer [nodoc${RLO} §1] = 1
output c : integer [d] = a${ZWSP}b`;
    const text = formatAll(r);
    expect(text).not.toMatch(/[\u202e\u200b]/);
    expect(text).toContain('citation [nodoc\\u202E §1] names no declared document');
    expect(text).toContain('  household a : integer [nodoc\\u202E §1] = 1');
    expect(text).toContain('unexpected character "\\u200B"');
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/[\u202e\u200b]/);
  });

  it('keeps the parameters as given (they are data), and escapes control characters and lone surrogates too', () => {
    expect(escapeInvisible(`a${RLO}b\u0007c\ud800d\u{e0041}e\u2066f`)).toBe('a\\u202Eb\\u0007c\\uD800d\\u{E0041}e\\u2066f');
    expect(escapeInvisible('低保 ¥1,595 — fine as it is\t')).toBe('低保 ¥1,595 — fine as it is\t');
    const d = makeDiagnostic('unknown-name', { name: `x${RLO}` }, 'f.doudi', at);
    expect(d.params.name).toBe(`x${RLO}`);
    expect(d.message).toBe('unknown name x\\u202E');
  });
});

describe('the lexer takes runs of characters that start no token as one', () => {
  it('a megabyte of them is one diagnostic covering the run', () => {
    const junk = '¤'.repeat(1 << 20);
    const r = lex(new SourceText('f.doudi', `a ${junk} b`));
    expect(r.diagnostics.map((d) => [d.code, d.range.start.offset, d.range.end.offset, d.message])).toEqual([['unexpected-character', 2, 2 + junk.length, 'unexpected character "¤¤¤¤¤¤¤¤¤¤¤¤…"']]);
    expect(r.tokens.map((t) => t.image)).toEqual(['a', 'b']);
  });

  it('a run ends exactly where a token starts: ! before =, ¥ before a digit', () => {
    const r = lex(new SourceText('f.doudi', 'x ¤!¥¤ != ¥5 ¥ 5 ¤'));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['unexpected character "¤!¥¤"', 'unexpected character "¤"']);
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual(['Identifier', 'Neq', 'MoneyLit', 'MoneyLit']);
  });
});
