/** @needs-shared real-jira/devlake real-jira/go-jira real-jira/issueshark real-jira/jirametrics */
import { join } from 'node:path';
import { loadDevlake, loadGoJira, loadIssueshark, loadJirametrics } from '../../src/jira/import';
import { expectAuditCovers, REAL_JIRA } from './support';

describe('auditing the real data sets', () => {
  it.each([
    ['devlake', () => loadDevlake(join(REAL_JIRA, 'devlake'))],
    ['jirametrics', () => loadJirametrics(join(REAL_JIRA, 'jirametrics'))],
    ['issueshark', () => loadIssueshark(join(REAL_JIRA, 'issueshark'))],
    ['go-jira', () => loadGoJira(join(REAL_JIRA, 'go-jira'))],
  ])('%s: runs without an error and covers everything in the files', (_, load) => {
    expectAuditCovers(load());
  });
});
