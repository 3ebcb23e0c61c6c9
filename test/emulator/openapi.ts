/**
 * Checks the emulator's answers against Atlassian's OpenAPI specs with openapi-backend. Validators compile lazily
 * (`quick`), so only the operations a test touches cost anything.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIBackend, ValidationContext, type Document } from 'openapi-backend';

// openapi-backend loads @apidevtools/json-schema-ref-parser, an ES module Jest cannot require on Node 20. In quick
// mode with an in-memory definition it only calls `parse`, which for an object is the identity; the rest must not run.
jest.mock('@apidevtools/json-schema-ref-parser', () => {
  const unavailable = () => Promise.reject(new Error('json-schema-ref-parser is not loaded under Jest'));
  return {
    __esModule: true,
    default: { parse: async (document: unknown) => document, dereference: unavailable, resolve: unavailable },
  };
});

const SPEC_DIR = path.resolve(__dirname, '../../../shared/jira-openapi');
/** Jira's timestamps: `2026-01-02T10:00:00.000+0000`, `...+08:00` or `...Z`. */
const JIRA_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

// ajv is openapi-backend's dependency, not ours: its types are reached through openapi-backend.
type Ajv = ReturnType<OpenAPIBackend['validator']['getAjv']>;
type ValidateFunction = ReturnType<Ajv['compile']>;

type Spec = Document & {
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
};

function loadSpec(file: string): Spec {
  return JSON.parse(readFileSync(path.join(SPEC_DIR, file), 'utf8')) as Spec;
}

/**
 * Atlassian's own examples for the changelog endpoints send `"from": null` and `"to": null`, which the schema
 * types as plain strings; real change items carry those nulls, so the check allows exactly them.
 */
function allowNullChangeValues(spec: Spec): void {
  const properties = spec.components.schemas['ChangeDetails']?.properties ?? {};
  for (const name of ['from', 'fromString', 'to', 'toString']) {
    const property = properties[name];
    if (property) property['nullable'] = true;
  }
}

function strictFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date-time', JIRA_DATE_TIME);
  ajv.addFormat('uri', {
    validate: (value: string) => {
      try {
        new URL(value);
        return true;
      } catch {
        return false;
      }
    },
  });
  return ajv;
}

async function backend(spec: Spec): Promise<OpenAPIBackend> {
  const api = new OpenAPIBackend({
    definition: spec,
    quick: true,
    ajvOpts: { logger: false },
    customizeAjv: strictFormats,
  });
  await api.init();
  return api;
}

function describeErrors(
  errors: readonly { instancePath?: string; message?: string; params?: unknown }[] | null | undefined,
): string[] {
  return (errors ?? []).map(
    (error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params ?? {})}`,
  );
}

export class JiraSpecs {
  private readonly compiled = new Map<string, ValidateFunction>();

  private components: Ajv | undefined;

  private constructor(
    private readonly platform: OpenAPIBackend,
    private readonly agile: OpenAPIBackend,
    /** The platform spec with its `$ref`s intact, for validating against one component schema. */
    private readonly rawPlatform: Spec,
  ) {}

  static async load(): Promise<JiraSpecs> {
    const [platform, rawPlatform] = [loadSpec('jira-platform-v3.json'), loadSpec('jira-platform-v3.json')];
    allowNullChangeValues(platform);
    allowNullChangeValues(rawPlatform);
    return new JiraSpecs(await backend(platform), await backend(loadSpec('jira-software-agile.json')), rawPlatform);
  }

  private api(requestPath: string): OpenAPIBackend {
    return requestPath.startsWith('/rest/agile/') ? this.agile : this.platform;
  }

  /** The operation the spec declares for this method and path; throws when the spec has none. */
  operation(method: string, requestPath: string) {
    const pathname = requestPath.split('?')[0] ?? requestPath;
    const operation = this.api(pathname).matchOperation({ method: method.toLowerCase(), path: pathname, headers: {} });
    if (!operation) throw new Error(`No operation in the specs for ${method} ${pathname}`);
    return operation;
  }

  /** Errors of a body against the response schema the operation declares for that status (none declared: no errors). */
  responseErrors(method: string, requestPath: string, status: number, body: unknown): string[] {
    const pathname = requestPath.split('?')[0] ?? requestPath;
    const result = this.api(pathname).validateResponse(body, this.operation(method, pathname), status);
    return describeErrors(result.errors);
  }

  /** Errors of a body against a named component schema of the platform spec (e.g. `ErrorCollection`, `SearchResults`). */
  schemaErrors(schemaName: string, body: unknown): string[] {
    let validate = this.compiled.get(schemaName);
    if (!validate) {
      if (!this.rawPlatform.components.schemas[schemaName])
        throw new Error(`No schema ${schemaName} in the platform spec`);
      // The dereferenced spec has reference cycles; Ajv follows the original `$ref`s itself.
      if (!this.components) {
        this.components = this.platform.validator.getAjv(ValidationContext.Response);
        this.components.addSchema({ $id: 'jira-platform', components: this.rawPlatform.components });
      }
      validate = this.components.compile({ $ref: `jira-platform#/components/schemas/${schemaName}` });
      this.compiled.set(schemaName, validate);
    }
    void validate(body);
    return describeErrors(validate.errors);
  }

  /** The parsed JSON example the spec gives for a response, for operations that declare an example but no schema. */
  example(method: string, requestPath: string, status: number): unknown {
    const operation = this.operation(method, requestPath) as {
      responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
    };
    const example = operation.responses?.[String(status)]?.content?.['application/json']?.example;
    if (example === undefined) throw new Error(`No example for ${method} ${requestPath} ${status}`);
    return typeof example === 'string' ? JSON.parse(example) : example;
  }
}

/**
 * Where a spec only shows an example, a value conforms when every key it has also appears in the example with
 * the same JSON type (arrays compared element-wise with the example's first element).
 */
export function exampleShapeErrors(value: unknown, example: unknown, at = ''): string[] {
  const kind = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  if (kind(value) !== kind(example)) return [`${at || '/'} is ${kind(value)}, the example has ${kind(example)}`];
  if (Array.isArray(value) && Array.isArray(example)) {
    return example.length === 0
      ? []
      : value.flatMap((entry, index) => exampleShapeErrors(entry, example[0], `${at}/${index}`));
  }
  if (kind(value) === 'object') {
    const model = example as Record<string, unknown>;
    return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) =>
      key in model ? exampleShapeErrors(entry, model[key], `${at}/${key}`) : [`${at}/${key} is not in the example`],
    );
  }
  return [];
}
