/**
 * A large policy for the compile benchmark: the national framework's declarations repeated under
 * new names until the file has the requested number of lines — realistic constructs (parameters
 * with dated values, tables, exceptions, aggregations, formulas), not filler.
 */
import * as fs from 'node:fs';

export function largePolicy(lines: number): string {
  const src = fs.readFileSync('policies/national/framework.doudi', 'utf8');
  const start = src.search(/\n(?:enum|parameter) /);
  const header = src.slice(0, start).replace('policy national_framework ', 'policy large ');
  const body = src.slice(start);
  const declared = [...body.matchAll(/^(?:parameter|input|person|household|output|enum)\s+([A-Za-z_][\w]*)/gm)].map((m) => m[1]!);
  const names = new RegExp(`\\b(${declared.join('|')})\\b`, 'g');
  const enums = new Set([...body.matchAll(/^enum\s+([A-Za-z_][\w]*)/gm)].map((m) => m[1]!));
  // A definition may share its name with a schema enum that is its type (`output dibao_status "…"
  // : dibao_status`): the name is renamed, a type that is not one of the file's enums is not.
  const typeAfter = /^((?:parameter|input|person|household|output)\s+\S+(?:\s+"[^"\n]*")?\s*:\s*)([A-Za-z_]\w*?)_(\d+)\b/gm;
  const parts = [header];
  let count = header.split('\n').length;
  for (let k = 1; count < lines; k++) {
    const copy = body
      .replace(names, (n) => `${n}_${k}`)
      .replace(typeAfter, (all, head: string, type: string) => (enums.has(type) ? all : head + type))
      .replace(/"([^"\n]*)"/g, (_, s: string) => `"${s}${k}"`);
    parts.push(copy);
    count += copy.split('\n').length;
  }
  return parts.join('\n');
}
