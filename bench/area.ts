/**
 * Loaded before every bench (bench/run.mjs, `--import`): the deployment's area from REGION, as
 * server/main.ts does at start, so the benches' schemas, gazetteer and demo are the area's.
 */
import { configureDeployment } from '../server/regions';

configureDeployment(process.env);
