import { auditSite } from '../../src/audit';
import { demoConfig } from '../../src/dev/demo';
import { startEmulator } from '../../src/dev/emulator';
import { bulkFetchChangelogs } from '../../src/jira/api/issues';
import { discoverFields } from '../../src/jira/fields';
import { normaliseSite } from '../../src/jira/normalise';
import { clientFor, demo } from './support';

/**
 * Why the scan does not pass `fieldIds` to bulkfetch. The classifier judges changes to 23 field meanings plus any
 * other field by its name (src/classify/changes.ts), and the rules count every classified action, neutral ones
 * included (shares, dual roles, contested items). Ten field ids cannot cover that: on the demo site even the ten
 * most decision-bearing fields lose a seventh of the histories, and with them decisions and evidence behind
 * findings. This test keeps the decision honest: once filtering loses nothing, the scan should use it.
 */
describe('bulkfetch filtered to ten decision-bearing fields', () => {
  it('loses histories and changes the audit, so the scan reads changelogs whole', async () => {
    const emulator = await startEmulator(demo);
    try {
      const fields = discoverFields(demo.fields);
      const ten = [
        'status',
        fields.sprint!,
        fields.rank!,
        'fixVersions',
        'duedate',
        'IssueParentAssociation',
        fields.storyPoints!,
        fields.targetStart!,
        fields.targetEnd!,
        'priority',
      ];
      expect(new Set(ten).size).toBe(10);
      const client = clientFor(emulator);
      const ids = demo.issues.map((issue) => issue.id);
      const filtered = new Map<
        string,
        Awaited<ReturnType<typeof bulkFetchChangelogs>> extends Map<string, infer H> ? H : never
      >();
      for (let index = 0; index < ids.length; index += 1000) {
        for (const [id, histories] of await bulkFetchChangelogs(client, ids.slice(index, index + 1000), {
          fieldIds: ten,
        }))
          filtered.set(id, histories);
      }
      const lean = structuredClone(demo);
      for (const issue of lean.issues)
        issue.changelog = { startAt: 0, maxResults: 0, total: 0, histories: filtered.get(issue.id) ?? [] };

      const all = demo.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0);
      const kept = lean.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0);
      expect(kept).toBeLessThan(all);

      const now = new Date(demo.capturedAt!);
      const full = auditSite(normaliseSite(demo), demoConfig(), { now });
      const reduced = auditSite(normaliseSite(lean), demoConfig(), { now });
      // The same findings fire on the demo, but with fewer decisions and less evidence: "made 8 strategic and 34
      // tactical decisions" becomes "4 and 30"; a rule's threshold on another site would fall the other way.
      const differing = reduced.findings.filter(
        (finding) => JSON.stringify(finding) !== JSON.stringify(full.findings.find((other) => other.id === finding.id)),
      );
      expect(differing.map((finding) => finding.rule)).toEqual(
        expect.arrayContaining(['overlap/dual-role', 'overlap/pm-tactical-action']),
      );
      const decisions = (report: typeof full) =>
        report.people.reduce((sum, person) => sum + person.counts.strategic + person.counts.tactical, 0);
      expect(decisions(reduced)).toBeLessThan(decisions(full));
      process.stdout.write(
        `fieldIds filter: ${kept} of ${all} histories kept, ${decisions(reduced)} of ${decisions(full)} decisions, ${differing.length} findings with other counts or evidence\n`,
      );
    } finally {
      await emulator.close();
    }
  });
});
