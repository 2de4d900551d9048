import { afterAll, beforeAll, describe } from 'vitest';
import { startCliSuite, stopCliSuite } from '../testing/cli-suite.js';
import { badInputCases } from './cli-bad-input.cases.js';
import { createAlertCases } from './cli-create-alert.cases.js';
import { createImageCases } from './cli-create-image.cases.js';
import { createSyncCases } from './cli-create-sync.cases.js';
import { diffTreeTraceCases } from './cli-diff-tree.cases.js';
import { eventsExportCases } from './cli-events-export.cases.js';
import { sourceCases } from './cli-sources.cases.js';

// One sandbox for every CLI integration case: starting one is most of a file's cost (about
// 10 s alone, 20 s when three start at once on 2 cores), so the command groups live in
// `cli-*.cases.ts` and run here, in this order, against the same engine. Four files with a
// sandbox each took 55 s of wall time against 31 s for this one.

beforeAll(startCliSuite);
afterAll(stopCliSuite);

describe('tideline against the sandbox, in flux’s shapes', () => {
  sourceCases();
  diffTreeTraceCases();
  eventsExportCases();
  createSyncCases();
  createImageCases();
  createAlertCases();
  badInputCases();
});
