/**
 * A large policy for the compile benchmark: the Shanghai reference policy's declarations repeated
 * under new names until the file has the requested number of lines — realistic constructs
 * (parameters with dated values, tables, exceptions, aggregations), not filler.
 */
import * as fs from 'node:fs';

export function largePolicy(lines: number): string {
  const src = fs.readFileSync('policies/shanghai/shanghai.doudi', 'utf8');
  const start = src.indexOf('\nparameter ');
  const header = src.slice(0, start).replace('policy shanghai ', 'policy large ');
  const body = src.slice(start);
  const declared = [...body.matchAll(/^(?:parameter|input|person|household|output|enum)\s+([A-Za-z_][\w]*)/gm)].map((m) => m[1]!);
  const names = new RegExp(`\\b(${declared.join('|')})\\b`, 'g');
  const parts = [header];
  let count = header.split('\n').length;
  for (let k = 1; count < lines; k++) {
    const copy = body.replace(names, (n) => `${n}_${k}`).replace(/"([^"\n]*)"/g, (_, s: string) => `"${s}${k}"`);
    parts.push(copy);
    count += copy.split('\n').length;
  }
  return parts.join('\n');
}
