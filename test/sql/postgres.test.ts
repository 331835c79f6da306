/** The agreement run on PostgreSQL 15 (see agreement.ts). */
import { agreementSuite } from './agreement.ts';
import { postgres } from './engines.ts';

agreementSuite('postgres', postgres, 100_000);
