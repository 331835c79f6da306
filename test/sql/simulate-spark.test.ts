/**
 * simulate and compare with --engine spark against the JS engine on one population file (see
 * simulation.ts): 1,000 households and no sweep, as each command starts a Spark session and each
 * statement is a Spark job (about ten minutes for the full suite on two shared cores).
 */
import { simulationSuite } from './simulation.ts';

simulationSuite('spark', 1000, true);
