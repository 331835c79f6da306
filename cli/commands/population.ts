/** doudi population: a synthetic population, its calibration report, and population files. */
import { calibrate, calibrationText } from '../../simulator/index.ts';
import { UsageError, type Command } from '../command.ts';
import { writePopulationFiles } from '../files/index.ts';
import { isPostgresUrl, writePostgres } from '../engines/index.ts';
import { redact } from '../engines/session.ts';
import { parse } from '../options.ts';
import { POPULATION_HELP, POPULATION_OPTIONS, choosePopulation } from '../population.ts';
import { json } from '../report.ts';

export const populationCommand: Command = {
  name: 'population',
  summary: 'make a synthetic population, report its calibration, write it to files',
  help: `Usage: doudi population [--region CODE] [--households N] [--seed N] [--year YYYY]
                        [--out DIR --format csv|jsonl|parquet] [--json]
       doudi population … --out postgres://user@host:port/db [--replace]

Draws a synthetic population calibrated to the published statistics and prints the calibration
report: each target, the generated value and the error. With --out, writes households.csv and
persons.csv (--format csv, the default), population.jsonl, or households.parquet and
persons.parquet, which --population DIR reads back. Files are written in pieces (any size up to the
20,000,000-household limit) beside their names and renamed into place when complete.
With --population PATH, reads and checks a population instead (and can convert it with --out).

${POPULATION_HELP}
  --out DIR                 write the population into DIR (created if missing)
  --format csv|jsonl|parquet  the files --out writes (default csv)
  --out postgres://…        write the tables households and persons into that PostgreSQL
                            database (COPY; money as BIGINT fen), for simulate --engine postgres
  --replace                 with --out postgres://…, replace tables of those names
  --json                    print the calibration report as JSON
Exit code: 0 success, 1 bad input, 2 bad usage.
`,
  async run(args, io) {
    const { values } = parse(args, { ...POPULATION_OPTIONS, out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, replace: { type: 'boolean' } }, false);
    const format = values.format ?? 'csv';
    if (format !== 'csv' && format !== 'jsonl' && format !== 'parquet') throw new UsageError(`--format ${format}: expected csv, jsonl or parquet`);
    if (values.format && !values.out) throw new UsageError('--format needs --out DIR');
    const database = values.out !== undefined && isPostgresUrl(values.out);
    if (database && values.format) throw new UsageError('--format is for files; --out postgres://… writes tables');
    if (values.replace && !database) throw new UsageError('--replace is for --out postgres://…');
    const choice = await choosePopulation(values, {});
    const cols = choice.population.columns;
    const report = choice.synthetic ? calibrate(cols, choice.synthetic.year, choice.synthetic.region, choice.synthetic.notes) : undefined;
    if (values.out && database) {
      const n = await writePostgres(values.out, choice.population, values.replace === true);
      io.err(`wrote the tables households and persons at ${redact(values.out)} (${n.households.toLocaleString('en')} households, ${n.persons.toLocaleString('en')} persons)\n`);
    } else if (values.out) {
      const written = await writePopulationFiles(choice.population, values.out, format);
      io.err(`wrote ${written.join(' and ')} (${cols.households.toLocaleString('en')} households, ${cols.persons.toLocaleString('en')} persons)\n`);
    }
    if (values.json) io.out(json({ population: choice.describe, households: cols.households, persons: cols.persons, calibration: report ?? null }));
    else io.out(`${choice.describe}\n${report ? calibrationText(report) + '\n' : `${cols.persons.toLocaleString('en')} persons; read without problems\n`}`);
    return 0;
  },
};
