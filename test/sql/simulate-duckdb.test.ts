/** simulate, compare and sweep with --engine duckdb against the JS engine on one population file (see simulation.ts). */
import { simulationSuite } from './simulation.ts';

simulationSuite('duckdb', 3000);
