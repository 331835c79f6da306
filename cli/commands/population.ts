/** doudi population: a synthetic population, its calibration report, and population files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { calibrate, calibrationText, toCsv, toJsonl } from '../../simulator/index.ts';
import { InputError, UsageError, type Command } from '../command.ts';
import { parse } from '../options.ts';
import { POPULATION_HELP, POPULATION_OPTIONS, choosePopulation } from '../population.ts';
import { json } from '../report.ts';

export const populationCommand: Command = {
  name: 'population',
  summary: 'make a synthetic population, report its calibration, write it to files',
  help: `Usage: doudi population [--region CODE] [--households N] [--seed N] [--year YYYY]
                        [--out DIR --format csv|jsonl] [--json]

Draws a synthetic population calibrated to the published statistics and prints the calibration
report: each target, the generated value and the error. With --out, writes households.csv and
persons.csv (--format csv, the default) or population.jsonl, which --population DIR reads back.
With --population PATH, reads and checks a population instead (and can convert it with --out).

${POPULATION_HELP}
  --out DIR                 write the population into DIR (created if missing)
  --format csv|jsonl        the files --out writes (default csv)
  --json                    print the calibration report as JSON
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  run(args, io) {
    const { values } = parse(args, { ...POPULATION_OPTIONS, out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } }, false);
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format ${format}: expected csv or jsonl`);
    if (values.format && !values.out) throw new UsageError('--format needs --out DIR');
    const choice = choosePopulation(values, {});
    const cols = choice.population.columns;
    const report = choice.synthetic ? calibrate(cols, choice.synthetic.year, choice.synthetic.region, choice.synthetic.notes) : undefined;
    if (values.out) {
      const dir = values.out;
      if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new InputError(`--out ${dir}: a file is in the way; give a folder`);
      fs.mkdirSync(dir, { recursive: true });
      // Written beside and renamed into place, so an interrupted run leaves no half file.
      const write = (name: string, text: string) => {
        const target = path.join(dir, name);
        fs.writeFileSync(target + '.partial', text);
        fs.renameSync(target + '.partial', target);
        return target;
      };
      const written = format === 'csv' ? (() => {
        const c = toCsv(choice.population);
        return [write('households.csv', c.households), write('persons.csv', c.persons)];
      })() : [write('population.jsonl', toJsonl(choice.population))];
      io.err(`wrote ${written.join(' and ')} (${cols.households.toLocaleString('en')} households, ${cols.persons.toLocaleString('en')} persons)\n`);
    }
    if (values.json) io.out(json({ population: choice.describe, households: cols.households, persons: cols.persons, calibration: report ?? null }));
    else io.out(`${choice.describe}\n${report ? calibrationText(report) + '\n' : `${cols.persons.toLocaleString('en')} persons; read without problems\n`}`);
    return 0;
  },
};
