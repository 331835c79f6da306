/**
 * The shipped policies (and the example households their tests read), bundled into the studio at
 * build time: no network at run time.
 */
const raw = import.meta.glob<string>(['../../../policies/**/*.doudi', '../../../policies/**/*.json'], { query: '?raw', import: 'default', eager: true });

export const SHIPPED: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(raw)
    .map(([k, text]) => [k.replace(/^(\.\.\/)+/, ''), text] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);
