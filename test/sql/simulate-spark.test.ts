/** simulate, compare and sweep with --engine spark against the JS engine on one population file (see simulation.ts). */
import { simulationSuite } from './simulation.ts';

simulationSuite('spark', 1000);
