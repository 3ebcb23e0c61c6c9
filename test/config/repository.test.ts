import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultConfig } from '../../src/config/defaults';
import { CONFIG_FORMAT_VERSION, FutureFormatError } from '../../src/config/migrate';
import { ConfigError, parseConfig } from '../../src/config/schema';
import type { ConfigurationDocument } from '../../src/config/transfer';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository, ImportConflictError, StaleVersionError } from '../../src/store/config-store';
import { MemoryStore, type KeyValueStore, type VersionedEntry } from '../../src/store/key-value';

const AT = new Date('2026-11-22T10:00:00.000Z');
const ADMIN = { at: AT, accountId: 'admin-1' };
const OTHER_ADMIN = { at: AT, accountId: 'admin-2' };
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

/** A store that answers a few milliseconds later, so two callers' reads and writes interleave as on a real one. */
class SlowStore implements KeyValueStore {
  readonly inner = new MemoryStore();
  async get<T>(key: string) {
    await sleep(2);
    return this.inner.get<T>(key);
  }
  async set<T>(key: string, value: T) {
    await sleep(2);
    await this.inner.set(key, value);
  }
  async delete(key: string) {
    await this.inner.delete(key);
  }
  async keysWithPrefix(prefix: string) {
    return this.inner.keysWithPrefix(prefix);
  }
}

/** A store whose nth entry write fails, like a key-value store that drops one request halfway through. */
class FailingStore extends MemoryStore {
  writes = 0;
  failing = 0;
  override async writeEntry(key: string, expectedVersion: number, entry: VersionedEntry) {
    this.writes += 1;
    if (this.writes === this.failing) throw new Error('storage unavailable');
    await super.writeEntry(key, expectedVersion, entry);
  }
}

/** A store that runs `interleaved` (another caller's save) just before its nth entry write. */
class InterleavingStore extends MemoryStore {
  writes = 0;
  beforeWrite = 0;
  interleaved: () => Promise<unknown> = async () => undefined;
  override async writeEntry(key: string, expectedVersion: number, entry: VersionedEntry) {
    this.writes += 1;
    if (this.writes === this.beforeWrite) await this.interleaved();
    await super.writeEntry(key, expectedVersion, entry);
  }
}

async function contents(store: KeyValueStore): Promise<Record<string, unknown>> {
  const entries: Record<string, unknown> = {};
  for (const key of await store.keysWithPrefix('config:')) entries[key] = await store.get(key);
  return entries;
}

async function storeWith(
  entries: Record<string, unknown>,
  store: KeyValueStore = new MemoryStore(),
): Promise<KeyValueStore> {
  for (const [key, value] of Object.entries(entries)) await store.set(key, value);
  return store;
}

const formatOneEntries = () =>
  fixture('format-1/stored-entries.json') as Record<string, { version: number; value: unknown }>;
const withoutExportedAt = ({ exportedAt: _, versions: __, ...rest }: ConfigurationDocument) => rest;

describe('many admins saving at once', () => {
  it('lets exactly one of twenty site saves from the same version through; the rest are told the version it made, and the winner is stored', async () => {
    const store = new MemoryStore();
    const repository = new ConfigRepository(store, RULE_METAS);
    const { config, version } = await repository.saveSite(defaultConfig(), 0, ADMIN);
    const candidates = Array.from({ length: 20 }, (_, index) => ({ ...config, combinedRoleProjects: [`P${index}`] }));

    const outcomes = await Promise.allSettled(
      candidates.map((candidate, index) =>
        new ConfigRepository(store, RULE_METAS).saveSite(candidate, version, { at: AT, accountId: `admin-${index}` }),
      ),
    );
    const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toEqual(new StaleVersionError(version + 1));
    }
    expect(await repository.site()).toEqual({ config: candidates[winners[0]!], version: version + 1 });
    expect(await store.get('config:site')).toMatchObject({ version: version + 1, savedBy: `admin-${winners[0]}` });
  });

  it("creates a project's first settings once when twenty saves race from version 0", async () => {
    const store = new MemoryStore();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        new ConfigRepository(store, RULE_METAS).saveProject(
          'PAY',
          { thresholds: { sprintMaxWeeks: index + 1 } },
          0,
          ADMIN,
        ),
      ),
    );
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(won).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(19);
    expect(await new ConfigRepository(store, RULE_METAS).project('PAY')).toEqual({
      settings: won[0]!.settings,
      version: 1,
    });
  });
});

describe('two admins saving at once on a store with no compare-and-set of its own (checked and written one at a time in this process)', () => {
  it('lets exactly one site save through; the other is told the current version, and nothing is lost after a reload', async () => {
    const store = new SlowStore();
    const repository = new ConfigRepository(store, RULE_METAS);
    await repository.saveSite(defaultConfig(), 0, ADMIN);
    const { config, version } = await repository.site();
    const first = { ...config, ownerField: 'reporter' };
    const second = { ...config, combinedRoleProjects: ['GRO'] };

    const outcomes = await Promise.allSettled([
      repository.saveSite(first, version, ADMIN),
      repository.saveSite(second, version, OTHER_ADMIN),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(StaleVersionError);
    expect((lost[0]!.reason as StaleVersionError).current).toBe(version + 1);

    const winnerIndex = outcomes.indexOf(won[0]!);
    const reloaded = await repository.site();
    expect(reloaded.version).toBe(version + 1);
    expect(reloaded.config).toEqual(winnerIndex === 0 ? first : second);

    const redone =
      winnerIndex === 0
        ? { ...reloaded.config, combinedRoleProjects: ['GRO'] }
        : { ...reloaded.config, ownerField: 'reporter' };
    await repository.saveSite(redone, reloaded.version, winnerIndex === 0 ? OTHER_ADMIN : ADMIN);
    const final = await repository.site();
    expect(final).toEqual({
      config: { ...config, ownerField: 'reporter', combinedRoleProjects: ['GRO'] },
      version: version + 2,
    });
  });

  it("does the same for two saves of one project's settings, through separate repositories on one store", async () => {
    const store = new SlowStore();
    const [a, b] = [new ConfigRepository(store, RULE_METAS), new ConfigRepository(store, RULE_METAS)];
    const outcomes = await Promise.allSettled([
      a.saveProject('PAY', { ownerField: 'reporter' }, 0, ADMIN),
      b.saveProject('PAY', { combinedRole: true }, 0, OTHER_ADMIN),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')!;
    expect(rejected.reason).toEqual(new StaleVersionError(1));
    expect((await a.project('PAY')).version).toBe(1);
  });
});

describe('entries stored before formats were numbered', () => {
  it('are read through the migrations: the same settings, the same versions', async () => {
    const entries = formatOneEntries();
    const repository = new ConfigRepository(await storeWith(entries), RULE_METAS);
    expect(await repository.site()).toEqual({
      config: parseConfig(entries['config:site']!.value, RULE_METAS),
      version: 2,
    });
    expect(await repository.project('PAY')).toEqual({ settings: entries['config:project:PAY']!.value, version: 1 });
    expect((await repository.effective()).projects).toEqual({ PAY: entries['config:project:PAY']!.value });
  });

  it('are saved over in the current format with the next version, never an earlier one', async () => {
    const store = await storeWith(formatOneEntries());
    const repository = new ConfigRepository(store, RULE_METAS);
    await expect(repository.saveSite(defaultConfig(), 1, ADMIN)).rejects.toEqual(new StaleVersionError(2));
    const saved = await repository.saveSite({ ...(await repository.site()).config, ownerField: 'creator' }, 2, ADMIN);
    expect(saved.version).toBe(3);
    expect(await store.get('config:site')).toMatchObject({
      formatVersion: CONFIG_FORMAT_VERSION,
      version: 3,
      savedBy: 'admin-1',
    });
  });
});

describe('an entry written by a newer version of the app', () => {
  const newer = { formatVersion: CONFIG_FORMAT_VERSION + 1, version: 7, value: { somethingNew: true } };

  it('is neither read nor overwritten by a save or an import, and the error says why', async () => {
    const store = await storeWith({
      'config:site': newer,
      'config:project:PAY': formatOneEntries()['config:project:PAY'],
    });
    const before = await contents(store);
    const repository = new ConfigRepository(store, RULE_METAS);
    await expect(repository.site()).rejects.toThrow(FutureFormatError);
    await expect(repository.site()).rejects.toThrow(
      `is ${CONFIG_FORMAT_VERSION + 1}: it was written by a newer version of the app`,
    );
    await expect(repository.saveSite(defaultConfig(), 7, ADMIN)).rejects.toThrow(FutureFormatError);
    await expect(
      repository.importAll({ formatVersion: 2, site: {}, projects: {} }, { overwrite: true }, ADMIN),
    ).rejects.toThrow(FutureFormatError);
    await expect(repository.exportAll(AT)).rejects.toThrow(FutureFormatError);
    expect(await contents(store)).toEqual(before);
  });
});

describe('export and import', () => {
  it('round-trips: importing an export into an empty store and exporting again gives the same configuration', async () => {
    const source = new ConfigRepository(await storeWith(formatOneEntries()), RULE_METAS);
    await source.saveProject(
      'MOB',
      { roleMapping: { projectRoles: { pm: ['Head of Product'], po: ['Team Lead'] } } },
      0,
      ADMIN,
    );
    const exported = await source.exportAll(AT);
    expect(exported.versions).toEqual({ site: 2, projects: { MOB: 1, PAY: 1 } });

    const target = new ConfigRepository(new MemoryStore(), RULE_METAS);
    const outcome = await target.importAll(JSON.parse(JSON.stringify(exported)), { overwrite: true }, ADMIN);
    expect(outcome).toEqual({
      from: 2,
      migrations: [],
      written: ['site', 'projects.MOB', 'projects.PAY'],
      versions: { site: 1, projects: { MOB: 1, PAY: 1 } },
    });
    const again = await target.exportAll(new Date('2026-11-23T10:00:00.000Z'));
    expect(withoutExportedAt(again)).toEqual(withoutExportedAt(exported));
    expect(await target.effective()).toEqual(await source.effective());
  });

  it('imports an edited export in place, writing only the parts that changed, each one version up', async () => {
    const store = await storeWith(formatOneEntries());
    const repository = new ConfigRepository(store, RULE_METAS);
    const exported = await repository.exportAll(AT);
    const edited = {
      ...exported,
      projects: { ...exported.projects, PAY: { ...exported.projects.PAY, ownerField: 'customfield_10042' } },
    };
    const outcome = await repository.importAll(edited, {}, ADMIN);
    expect(outcome.written).toEqual(['projects.PAY']);
    expect(outcome.versions).toEqual({ site: 2, projects: { PAY: 2 } });
    expect((await repository.project('PAY')).settings.ownerField).toBe('customfield_10042');
    expect(await repository.exportAll(AT)).toEqual({
      ...edited,
      versions: outcome.versions,
      exportedAt: AT.toISOString(),
    });
  });

  it('moves project overrides kept inside a format-1 site configuration to their own entries, changing no effective setting', async () => {
    const readme = fixture('format-1/readme-example.json');
    const legacy = { 'config:site': { version: 4, value: parseConfig(readme, RULE_METAS) } };
    const store = await storeWith(legacy);
    const repository = new ConfigRepository(store, RULE_METAS);
    const before = await repository.effective();
    const exported = await repository.exportAll(AT);
    expect(Object.keys(exported.projects)).toEqual(['MOB']);
    expect(await repository.importAll(exported, {}, ADMIN)).toMatchObject({
      written: ['site', 'projects.MOB'],
      versions: { site: 5, projects: { MOB: 1 } },
    });
    expect((await repository.site()).config.projects).toEqual({});
    expect(await repository.effective()).toEqual(before);
  });

  it('imports a format-1 file only when the admin chooses to replace the configuration', async () => {
    const store = await storeWith(formatOneEntries());
    const repository = new ConfigRepository(store, RULE_METAS);
    const before = await contents(store);
    const file = fixture('format-1/readme-example.json');
    await expect(repository.importAll(file, {}, ADMIN)).rejects.toEqual(new ImportConflictError([]));
    expect(await contents(store)).toEqual(before);

    const outcome = await repository.importAll(file, { overwrite: true }, ADMIN);
    expect(outcome).toMatchObject({
      from: 1,
      migrations: [expect.stringContaining('format 1 → 2')],
      written: ['site', 'projects.MOB', 'projects.PAY'],
    });
    expect(outcome.versions).toEqual({ site: 3, projects: { MOB: 1, PAY: 2 } });
    // PAY is not in the file: its overrides are gone, and its version still went up.
    expect(await repository.project('PAY')).toEqual({ settings: {}, version: 2 });
    const imported = parseConfig(file, RULE_METAS);
    expect(await repository.effective()).toEqual({ ...imported, projects: { ...imported.projects, PAY: {} } });
  });

  it('refuses an export that is out of date, naming every part that changed since, and writes nothing', async () => {
    const store = await storeWith(formatOneEntries());
    const repository = new ConfigRepository(store, RULE_METAS);
    const exported = await repository.exportAll(AT);
    await repository.saveProject('PAY', { combinedRole: true }, 1, OTHER_ADMIN);
    await repository.saveProject('NEW', { ownerField: 'reporter' }, 0, OTHER_ADMIN);
    const before = await contents(store);
    const attempt = repository.importAll({ ...exported, site: { ...exported.site, ownerField: 'creator' } }, {}, ADMIN);
    await expect(attempt).rejects.toEqual(
      new ImportConflictError([
        { path: 'projects.NEW', exported: 0, current: 1 },
        { path: 'projects.PAY', exported: 1, current: 2 },
      ]),
    );
    expect(await contents(store)).toEqual(before);
  });

  it('loses nothing when the document is invalid, and names every field', async () => {
    const store = await storeWith(formatOneEntries());
    const repository = new ConfigRepository(store, RULE_METAS);
    const exported = await repository.exportAll(AT);
    const before = await contents(store);
    const broken = {
      ...exported,
      site: { ...exported.site, thresholds: { sprintMaxWeeks: 'four' } },
      projects: { PAY: { thresholds: { x: 1 } }, MOB: { ownerField: 'boss' } },
    };
    const error = await repository.importAll(broken, { overwrite: true }, ADMIN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'site.thresholds.sprintMaxWeeks', message: 'must be a number' },
      { path: 'projects.PAY.thresholds', message: 'has an unknown setting "x"' },
      {
        path: 'projects.MOB.ownerField',
        message: 'must be assignee, reporter, creator or a custom field id like customfield_10042',
      },
    ]);
    expect(await contents(store)).toEqual(before);
  });

  it("stops when someone saves a part between the import's read and its write: their save stays, what was imported is put back", async () => {
    const store = (await storeWith(formatOneEntries(), new InterleavingStore())) as InterleavingStore;
    const repository = new ConfigRepository(store, RULE_METAS);
    const exported = await repository.exportAll(AT);
    const edited = {
      ...exported,
      site: { ...exported.site, ownerField: 'creator' },
      projects: { PAY: { combinedRole: true } },
    };
    const before = await repository.site();
    // The import writes the site, then PAY; the other admin's save of PAY lands in between.
    store.beforeWrite = 2;
    store.interleaved = () =>
      new ConfigRepository(store, RULE_METAS).saveProject('PAY', { ownerField: 'reporter' }, 1, OTHER_ADMIN);
    await expect(repository.importAll(edited, {}, ADMIN)).rejects.toEqual(
      new ImportConflictError([{ path: 'projects.PAY', exported: 1, current: 2 }]),
    );
    expect(await repository.site()).toEqual({ config: before.config, version: before.version + 2 });
    expect(await repository.project('PAY')).toEqual({ settings: { ownerField: 'reporter' }, version: 2 });
  });

  it('puts back what it had written when the store fails halfway, with versions still going up', async () => {
    const store = (await storeWith(formatOneEntries(), new FailingStore())) as FailingStore;
    const repository = new ConfigRepository(store, RULE_METAS);
    const effective = await repository.effective();
    const exported = await repository.exportAll(AT);
    const edited = {
      ...exported,
      site: { ...exported.site, ownerField: 'creator' },
      projects: { PAY: {}, MOB: { combinedRole: true } },
    };
    store.failing = store.writes + 3;
    await expect(repository.importAll(edited, {}, ADMIN)).rejects.toThrow('storage unavailable');
    // MOB had no entry: it is put back as an empty one (no overrides), so its version can keep counting up.
    expect(await repository.effective()).toEqual({ ...effective, projects: { ...effective.projects, MOB: {} } });
    expect((await repository.site()).version).toBe(4);
    expect((await repository.project('MOB')).version).toBe(2);
    expect((await repository.project('PAY')).version).toBe(1);
  });
});
