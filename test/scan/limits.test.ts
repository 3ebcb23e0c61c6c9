import { startEmulator } from '../../src/dev/emulator';
import type { RestComment } from '../../src/jira/snapshot';
import { BackgroundScanner, readCachedProject } from '../../src/scan';
import { MAX_VALUE_BYTES } from '../../src/scan/blob';
import { clientFor, comparable, demo, LimitedStore, PROJECT_KEYS, scanToEnd, withIssues } from './support';

describe('what the scan stores', () => {
  it('keeps every key and value within Forge KVS limits, a large issue in several parts', async () => {
    // One issue with 400 long comments: far more than one value can hold, and more than search embeds.
    const [target] = demo.issues.filter((issue) => issue.key.startsWith('MOB-'));
    const template = (target!.fields.comment as { comments: RestComment[] }).comments[0]!;
    const comments = Array.from({ length: 400 }, (_, index) => ({
      ...template,
      id: String(800_000 + index),
      created: new Date(Date.parse(String(template.created)) + index * 60_000).toISOString(),
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `Note ${index}: ${'x'.repeat(1500)}` }] }],
      },
    }));
    const site = withIssues(demo, (issues) =>
      issues.map((issue) =>
        issue.id === target!.id
          ? { ...issue, fields: { ...issue.fields, comment: { comments, startAt: 0, maxResults: 400, total: 400 } } }
          : issue,
      ),
    );
    const emulator = await startEmulator(site);
    try {
      const store = new LimitedStore();
      const scanner = new BackgroundScanner();
      for (const key of PROJECT_KEYS) await scanToEnd(scanner, clientFor(emulator), store, key, { timeBudgetMs: 0 });
      expect(store.largestValue).toBeLessThanOrEqual(MAX_VALUE_BYTES);
      const mob = (await readCachedProject(store, 'MOB'))!;
      const big = mob.issues.find((issue) => issue.id === target!.id)!;
      expect((big.fields.comment as { comments: unknown[] }).comments).toHaveLength(400);
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(2 * MAX_VALUE_BYTES);
      expect(comparable((await scanner.cachedSnapshot(store))!)).toEqual(comparable(site));

      const heads = await Promise.all(PROJECT_KEYS.map((key) => readCachedProject(store, key)));
      const chunks = heads.reduce((sum, project) => sum + (project?.head.issues ?? 0), 0);
      const stored = (await store.keysWithPrefix('scan:data:')).length;
      process.stdout.write(
        `cache of ${chunks} issues: ${stored} values, largest ${store.largestValue} bytes, ${store.writes} writes\n`,
      );
    } finally {
      await emulator.close();
    }
  });
});
