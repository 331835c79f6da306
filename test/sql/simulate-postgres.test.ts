/** simulate, compare and sweep with --engine postgres against the JS engine on one population file (see simulation.ts). */
import { simulationSuite } from './simulation.ts';

simulationSuite('postgres', 3000);
