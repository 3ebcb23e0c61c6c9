import { ForgeKvsAPIError } from '@forge/kvs';
import { defaultConfig } from '../../src/config/defaults';
import { CONFIG_FORMAT_VERSION } from '../../src/config/migrate';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository, StaleVersionError } from '../../src/store/config-store';
import { ENTRY_ENTITY, ForgeKvsStore } from '../../src/store/forge-kvs';
import { FakeForgeStorage } from './fake-forge-storage';

const AT = new Date('2026-11-22T10:00:00.000Z');
const ADMIN = { at: AT, accountId: 'admin-1' };

let storage: FakeForgeStorage;

beforeEach(() => {
  storage = new FakeForgeStorage();
  storage.install();
});

afterEach(() => storage.uninstall());

/** A repository as one Forge invocation has it: its own store object, sharing nothing with others but the storage. */
const invocation = () => new ConfigRepository(new ForgeKvsStore(), RULE_METAS);
const requestsTo = (path: string) => storage.requests.filter((request) => request.path === path);
/** Plain keys of the configuration (the account index of who saved it is a plain value of its own). */
const isConfigKey = (key: unknown) => typeof key === 'string' && key.startsWith('config:');

describe('ForgeKvsStore versioned entries', () => {
  it("creates an entry's first version with FAIL_IF_EXISTS, then updates it by a transaction conditioned on the version read", async () => {
    const repository = invocation();
    await repository.saveSite(defaultConfig(), 0, ADMIN);
    const [created, ...moreCreations] = requestsTo('/api/v1/entity/set');
    expect(moreCreations).toEqual([]);
    expect(created?.body).toEqual({
      entityName: ENTRY_ENTITY,
      key: 'config:site',
      value: {
        entryKey: 'config:site',
        version: 1,
        formatVersion: CONFIG_FORMAT_VERSION,
        value: defaultConfig(),
        savedAt: AT.toISOString(),
        savedBy: 'admin-1',
      },
      options: { keyPolicy: 'FAIL_IF_EXISTS' },
    });

    const changed = { ...defaultConfig(), ownerField: 'reporter' };
    await repository.saveSite(changed, 1, ADMIN);
    const [transaction, ...moreTransactions] = requestsTo('/api/v1/transaction');
    expect(moreTransactions).toEqual([]);
    expect(transaction?.body).toEqual({
      set: [
        {
          key: 'config:site',
          entityName: ENTRY_ENTITY,
          value: {
            entryKey: 'config:site',
            version: 2,
            formatVersion: CONFIG_FORMAT_VERSION,
            value: changed,
            savedAt: AT.toISOString(),
            savedBy: 'admin-1',
          },
          conditions: { and: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] },
        },
      ],
    });
    expect(requestsTo('/api/v1/set').filter((request) => isConfigKey(request.body.key))).toEqual([]); // nothing goes to plain keys any more
    expect(await invocation().site()).toEqual({ config: changed, version: 2 });
  });

  it('lets exactly one of twenty invocations saving from the same version write; the storage refuses the other nineteen, told the version now stored', async () => {
    await invocation().saveSite(defaultConfig(), 0, ADMIN);
    const candidates = Array.from({ length: 20 }, (_, index) => ({
      ...defaultConfig(),
      combinedRoleProjects: [`P${index}`],
    }));
    const outcomes = await Promise.allSettled(
      candidates.map((candidate, index) =>
        invocation().saveSite(candidate, 1, { at: AT, accountId: `admin-${index}` }),
      ),
    );

    const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toEqual(new StaleVersionError(2));
    // Every invocation read version 1 before any wrote: it was the conditional write that kept them out.
    const statuses = requestsTo('/api/v1/transaction').map((request) => request.status);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(storage.entity(ENTRY_ENTITY).get('config:site')).toMatchObject({
      version: 2,
      value: candidates[winners[0]!],
      savedBy: `admin-${winners[0]}`,
    });
  });

  it("creates a project's first version once when twenty invocations race from version 0", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        invocation().saveProject('PAY', { thresholds: { sprintMaxWeeks: index + 1 } }, 0, ADMIN),
      ),
    );
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(won).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toEqual(new StaleVersionError(1));
    expect(requestsTo('/api/v1/entity/set').filter((request) => request.status === 409)).toHaveLength(19);
    expect(await invocation().project('PAY')).toEqual({ settings: won[0]!.settings, version: 1 });
  });

  it("passes on the storage's other refusals as they are when the version did not move", async () => {
    const repository = invocation();
    await repository.saveSite(defaultConfig(), 0, ADMIN);
    storage.refuse = (path) =>
      path === '/api/v1/transaction' ? { status: 429, code: 'RATE_LIMIT_EXCEEDED' } : undefined;
    const refused = await repository
      .saveSite({ ...defaultConfig(), ownerField: 'creator' }, 1, ADMIN)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForgeKvsAPIError);
    expect(refused).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    storage.refuse = (path) =>
      path === '/api/v1/entity/set' ? { status: 500, code: 'INTERNAL_SERVER_ERROR' } : undefined;
    await expect(repository.saveProject('PAY', {}, 0, ADMIN)).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(await repository.site()).toEqual({ config: defaultConfig(), version: 1 });
    expect(await repository.project('PAY')).toEqual({ settings: {}, version: 0 });
  });

  it('lists entries through the entity index, page after page', async () => {
    const keys = Array.from({ length: 130 }, (_, index) => `P${String(index).padStart(3, '0')}`);
    for (const key of keys) await invocation().saveProject(key, { combinedRole: true }, 0, ADMIN);
    const projects = (await invocation().effective()).projects;
    expect(Object.keys(projects).sort()).toEqual(keys);
    expect(requestsTo('/api/v1/entity/query').map((request) => request.body.indexName)).toEqual([
      'entryKey',
      'entryKey',
    ]);
  });
});

describe('entries stored as plain KVS values before the entity', () => {
  const legacySite = { version: 2, value: { ...defaultConfig(), ownerField: 'reporter' } };
  const legacyProject = { version: 1, value: { combinedRole: true } };

  beforeEach(() => {
    storage.plain.set('config:site', legacySite);
    storage.plain.set('config:project:PAY', legacyProject);
  });

  it('are read, listed and saved over from the version they had; the first save moves the entry into the entity', async () => {
    const repository = invocation();
    expect(await repository.site()).toEqual({ config: legacySite.value, version: 2 });
    expect((await repository.effective()).projects).toEqual({ PAY: { combinedRole: true } });
    await expect(repository.saveSite(defaultConfig(), 1, ADMIN)).rejects.toEqual(new StaleVersionError(2));

    await repository.saveSite(defaultConfig(), 2, ADMIN);
    expect(storage.entity(ENTRY_ENTITY).get('config:site')).toMatchObject({ version: 3, value: defaultConfig() });
    expect(storage.plain.has('config:site')).toBe(false);
    expect(storage.plain.get('config:project:PAY')).toEqual(legacyProject); // untouched until PAY is saved
    expect(await repository.site()).toEqual({ config: defaultConfig(), version: 3 });
    await repository.saveProject('PAY', { combinedRole: false }, 1, ADMIN);
    expect((await repository.effective()).projects).toEqual({ PAY: { combinedRole: false } });
    expect([...storage.plain.keys()].filter(isConfigKey)).toEqual([]);
  });

  it('are moved once when twenty invocations save one from the same version', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        invocation().saveSite({ ...defaultConfig(), combinedRoleProjects: [`P${index}`] }, 2, ADMIN),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(outcome.reason).toEqual(new StaleVersionError(3));
    expect(await invocation().site()).toMatchObject({ version: 3 });
  });

  it('are still found by a reader that looks while another invocation moves them', async () => {
    const moved = { entryKey: 'config:site', version: 3, formatVersion: CONFIG_FORMAT_VERSION, value: defaultConfig() };
    // The reader finds no entity; before its read of the plain value is answered, the move lands.
    storage.before = (path, body) => {
      if (path !== '/api/v1/get' || body.key !== 'config:site') return;
      storage.entity(ENTRY_ENTITY).set('config:site', moved);
      storage.plain.delete('config:site');
    };
    expect(await invocation().site()).toEqual({ config: defaultConfig(), version: 3 });
  });
});
