/**
 * Every command of `doudi`, in the order `doudi --help` lists them. A new command is a file in this
 * folder exporting a `Command` (../command.ts) and one line here.
 */
import type { Command } from '../command.ts';
import { checkCommand } from './check.ts';
import { testCommand } from './test.ts';
import { evalCommand } from './eval.ts';
import { compileCommand } from './compile.ts';
import { populationCommand } from './population.ts';
import { simulateCommand } from './simulate.ts';
import { compareCommand } from './compare.ts';
import { sweepCommand } from './sweep.ts';
import { monthsCommand } from './months.ts';
import { validateCommand } from './validate.ts';
import { importCommand } from './import.ts';

export const COMMANDS: readonly Command[] = [checkCommand, testCommand, evalCommand, compileCommand, populationCommand, simulateCommand, compareCommand, sweepCommand, monthsCommand, validateCommand, importCommand];
