/** The agreement run on DuckDB, embedded (see agreement.ts). */
import { agreementSuite } from './agreement.ts';
import { duckdb } from './engines.ts';

agreementSuite('duckdb', duckdb, 100_000);
