import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseManifest } from '../manifest/check-manifest';

/**
 * Forge's hosted storage as @forge/kvs talks to it: the real SDK (`kvs`) sends its HTTP requests through
 * `global.__forge_fetch__`, which this answers from memory. Every request waits a turn of the event loop before it
 * is answered, so requests from callers racing each other interleave as on the real service; each is then applied
 * at once, as the service applies a transaction. Entities are checked against manifest.yml's declarations.
 */
export class FakeForgeStorage {
  readonly plain = new Map<string, unknown>();
  readonly entities = new Map<string, Map<string, Record<string, unknown>>>();
  /** Every request the SDK sent, in order, with its answer's status. */
  readonly requests: Array<{ path: string; body: Record<string, unknown>; status: number }> = [];
  /** Runs as a request arrives, before it is answered: another invocation's write landing in between. */
  before: (path: string, body: Record<string, unknown>) => void = () => undefined;
  /** A refusal the service gives for reasons of its own (rate limits, outages). */
  refuse: (path: string, body: Record<string, unknown>) => { status: number; code: string } | undefined = () =>
    undefined;
  private readonly declared = declaredEntities();

  install(): void {
    (globalThis as { __forge_fetch__?: unknown }).__forge_fetch__ = (
      _route: unknown,
      requestPath: string,
      init: { body: string },
    ) => this.fetch(requestPath, init.body);
  }

  uninstall(): void {
    delete (globalThis as { __forge_fetch__?: unknown }).__forge_fetch__;
  }

  entity(name: string): Map<string, Record<string, unknown>> {
    let entity = this.entities.get(name);
    if (!entity) this.entities.set(name, (entity = new Map()));
    return entity;
  }

  private async fetch(requestPath: string, text: string): Promise<Response> {
    const body = JSON.parse(text) as Record<string, unknown>;
    await nextTurn();
    this.before(requestPath, body);
    const refusal = this.refuse(requestPath, body);
    const response = refusal ? error(refusal.status, refusal.code) : this.answer(requestPath, body);
    this.requests.push({ path: requestPath, body, status: response.status });
    return response;
  }

  private answer(requestPath: string, body: Record<string, unknown>): Response {
    const key = body.key as string;
    switch (requestPath) {
      case '/api/v1/get':
        return found(key, this.plain.get(key));
      case '/api/v1/set':
        this.plain.set(key, body.value);
        return done();
      case '/api/v1/delete':
        this.plain.delete(key);
        return done();
      case '/api/v1/query': {
        const [where] = body.where as Array<{ values: [string] }>;
        const keys = [...this.plain.keys()].filter((candidate) => candidate.startsWith(where?.values[0] ?? '')).sort();
        return page(
          keys.map((candidate) => ({ key: candidate, value: this.plain.get(candidate) })),
          body.limit as number,
          body.after as string | undefined,
        );
      }
      case '/api/v1/entity/get':
        return found(key, this.entity(body.entityName as string).get(key));
      case '/api/v1/entity/set': {
        const invalid = this.invalid(body.entityName as string, body.value);
        if (invalid) return invalid;
        const entity = this.entity(body.entityName as string);
        if ((body.options as { keyPolicy?: string } | undefined)?.keyPolicy === 'FAIL_IF_EXISTS' && entity.has(key))
          return error(409, 'KEY_CONFLICT');
        entity.set(key, body.value as Record<string, unknown>);
        return done();
      }
      case '/api/v1/entity/query': {
        const range = body.range as { condition: string; values: [string] };
        if (range.condition !== 'BEGINS_WITH') return error(400, 'UNSUPPORTED_BY_FAKE');
        const index = body.indexName as string;
        const rows = [...this.entity(body.entityName as string)].filter(([, value]) =>
          String(value[index]).startsWith(range.values[0]),
        );
        rows.sort(([a], [b]) => (a < b ? -1 : 1));
        return page(
          rows.map(([rowKey, value]) => ({ key: rowKey, value })),
          body.limit as number,
          body.cursor as string | undefined,
        );
      }
      case '/api/v1/transaction':
        return this.transact(body);
      default:
        return error(404, 'UNSUPPORTED_BY_FAKE');
    }
  }

  /** All conditions are checked, then every operation is applied, or none is. */
  private transact({ set = [], delete: deletes = [], check = [] }: Transaction): Response {
    for (const operation of set) {
      if (operation.entityName) {
        const invalid = this.invalid(operation.entityName, operation.value);
        if (invalid) return invalid;
      }
    }
    for (const operation of [...set, ...deletes, ...check]) {
      if (!operation.conditions) continue;
      const stored = operation.entityName ? this.entity(operation.entityName).get(operation.key) : undefined;
      // The service's code for a failed condition is not documented; the adapter under test must not depend on it.
      if (!stored || !satisfies(stored, operation.conditions)) return error(409, 'CONDITION_CHECK_FAILED');
    }
    for (const operation of set) {
      if (operation.entityName)
        this.entity(operation.entityName).set(operation.key, operation.value as Record<string, unknown>);
      else this.plain.set(operation.key, operation.value);
    }
    for (const operation of deletes) {
      if (operation.entityName) this.entity(operation.entityName).delete(operation.key);
      else this.plain.delete(operation.key);
    }
    return done();
  }

  /** What the service would refuse: an entity the manifest does not declare, attributes it does not, wrong types. */
  private invalid(entityName: string, value: unknown): Response | undefined {
    const attributes = this.declared.get(entityName);
    if (!attributes) return error(400, 'ENTITY_NOT_DECLARED');
    for (const [name, attribute] of Object.entries(value as Record<string, unknown>)) {
      const type = attributes[name];
      const ok =
        type === 'any' ||
        (type === 'string' && typeof attribute === 'string') ||
        (type === 'integer' && Number.isInteger(attribute) && Math.abs(attribute as number) < 2 ** 31) ||
        (type === 'boolean' && typeof attribute === 'boolean') ||
        (type === 'float' && typeof attribute === 'number');
      if (!ok) return error(400, `INVALID_ATTRIBUTE ${name}`);
    }
    return undefined;
  }
}

interface Operation {
  key: string;
  value?: unknown;
  entityName?: string;
  conditions?: { and?: Condition[]; or?: Condition[] };
}
interface Condition {
  property: string;
  condition: string;
  values: unknown[];
}
interface Transaction {
  set?: Operation[];
  delete?: Operation[];
  check?: Operation[];
}

function satisfies(stored: Record<string, unknown>, conditions: { and?: Condition[]; or?: Condition[] }): boolean {
  const holds = ({ property, condition, values }: Condition): boolean => {
    if (condition === 'EQUAL_TO') return stored[property] === values[0];
    if (condition === 'NOT_EQUAL_TO') return stored[property] !== values[0];
    if (condition === 'EXISTS') return stored[property] !== undefined;
    if (condition === 'NOT_EXISTS') return stored[property] === undefined;
    throw new Error(`the fake storage does not evaluate ${condition}`);
  };
  return conditions.or ? conditions.or.some(holds) : (conditions.and ?? []).every(holds);
}

function declaredEntities(): Map<string, Record<string, string>> {
  const manifest = parseManifest(path.resolve(__dirname, '../../manifest.yml'));
  const entities = manifest?.app.storage?.entities ?? [];
  return new Map(
    entities.map(({ name, attributes }) => [
      name,
      Object.fromEntries(Object.entries(attributes).map(([attribute, { type }]) => [attribute, type])),
    ]),
  );
}

function found(key: string, value: unknown): Response {
  return value === undefined ? error(404, 'KEY_NOT_FOUND') : json({ key, value });
}

function page(rows: Array<{ key: string; value: unknown }>, limit: number, cursor: string | undefined): Response {
  const start = cursor ? Number(cursor) : 0;
  const end = start + limit;
  return json({ data: rows.slice(start, end), ...(end < rows.length ? { cursor: String(end) } : {}) });
}

function done(): Response {
  return new Response(null, { status: 204 });
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: string): Response {
  return new Response(JSON.stringify({ code, message: `refused: ${code}` }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
