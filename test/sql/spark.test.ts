/** The agreement run on Spark in local mode (see agreement.ts); 10,000 households a scenario, as Spark starts slowly and CI has two cores. */
import { agreementSuite } from './agreement.ts';
import { spark } from './engines.ts';

agreementSuite('spark', spark, 10_000);
