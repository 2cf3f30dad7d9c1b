// Checks HTTP calls against an OpenAPI 3.1 document — Swikly's own (specs/swikly-openapi-v1.yaml)
// by default — so that what Comptoir sends, and what the fake answers, stay within Swikly's spec.
// OpenAPI 3.1 schemas are JSON Schema 2020-12: ajv does the schema work; this file finds the
// operation, reads parameters the way OpenAPI serialises them, and names what is wrong.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** `../shared/specs/…` from the repository root (CI clones the repository with shared/ beside it). */
export const SWIKLY_OPENAPI_PATH =
  process.env.SWIKLY_OPENAPI ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/specs/swikly-openapi-v1.yaml');

type Json = Record<string, any>;
type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface HttpCall {
  method: string;
  /** `/v1/accounts/…`, optionally with its query string; a full URL will do. */
  path: string;
  query?: URLSearchParams | Record<string, string | number | boolean | undefined>;
  headers?: HeaderBag;
  /** Parsed JSON; undefined when the call has no body. */
  body?: unknown;
}

interface Operation {
  template: string;
  method: string;
  op: Json;
  parameters: Json[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'openapi';

/** Makes the document's local references absolute, so schemas compiled on their own still resolve them. */
function absoluteRefs(node: unknown, lenientOneOf: boolean): unknown {
  if (Array.isArray(node)) return node.map((x) => absoluteRefs(x, lenientOneOf));
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    const key = lenientOneOf && k === 'oneOf' ? 'anyOf' : k;
    out[key] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : absoluteRefs(v, lenientOneOf);
  }
  return out;
}

function newAjv(doc: Json, opts: { coerceTypes?: boolean; lenientOneOf?: boolean }) {
  // Not strict: OpenAPI documents carry keywords JSON Schema does not know (example, readonly…).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, coerceTypes: opts.coerceTypes ?? false });
  addFormats(ajv);
  ajv.addSchema(absoluteRefs(doc, opts.lenientOneOf ?? false) as Json, DOC_ID);
  return ajv;
}

function describe(where: string, errors: ErrorObject[] | null | undefined): string[] {
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const at = where + e.instancePath.replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'enum') message += ` ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    if (e.keyword === 'additionalProperties') message += ` '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    seen.add(`${at}: ${message}`);
  }
  return [...seen];
}

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  const v = found?.[1];
  return Array.isArray(v) ? v.join(', ') : v;
}

export class OpenApiValidator {
  readonly basePath: string;
  private readonly operations: Operation[] = [];
  private readonly bodies: Ajv2020;
  private readonly params: Ajv2020;
  private readonly responses: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Json) {
    this.basePath = new URL(doc.servers?.[0]?.url ?? 'http://x/').pathname.replace(/\/$/, '');
    for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const byKey = new Map<string, Json>();
        for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x: Json) => this.deref(x))) byKey.set(`${p.in}:${p.name}`, p);
        this.operations.push({ template, method: method.toUpperCase(), op, parameters: [...byKey.values()] });
      }
    }
    // Literal paths before templated ones, should two ever match the same call.
    this.operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
    this.bodies = newAjv(doc, {});
    this.params = newAjv(doc, { coerceTypes: true });
    // Responses, read as the document means rather than as it says: its `oneOf`s overlap (an
    // accepted request's endUser matches two branches), so they are read as `anyOf`; and its
    // Amount (minimum 1) also types securedAmount and amountPaid, which it says are 0 until secured.
    this.responses = newAjv(forResponses(doc), { lenientOneOf: true });
  }

  static fromFile(file = SWIKLY_OPENAPI_PATH): OpenApiValidator {
    return new OpenApiValidator(parseYaml(readFileSync(file, 'utf8')) as Json);
  }

  /** Follows `$ref`s between OpenAPI objects (parameters, request bodies, responses). */
  private deref(node: Json): Json {
    let n = node;
    for (let i = 0; n && typeof n.$ref === 'string' && i < 20; i++) {
      n = n.$ref
        .slice(2)
        .split('/')
        .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((acc: Json | undefined, key: string) => acc?.[key], this.doc) as Json;
    }
    return n;
  }

  private compile(ajv: Ajv2020, cacheKey: string, schema: Json): ValidateFunction {
    const key = `${ajv === this.bodies ? 'b' : ajv === this.params ? 'p' : 'r'}:${cacheKey}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = ajv.compile(absoluteRefs(schema, ajv === this.responses) as Json);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** The operation and path parameters of a call, or why there is none. */
  find(method: string, path: string): { operation: Operation; pathParams: Record<string, string> } | string {
    const pathname = new URL(path, 'http://x').pathname;
    if (!pathname.startsWith(`${this.basePath}/`)) return `path ${pathname} is not under the API base ${this.basePath}`;
    const rel = pathname.slice(this.basePath.length);
    const matching = this.operations.filter((o) => templateRegex(o.template).test(rel));
    if (!matching.length) return `unknown path ${pathname}`;
    const operation = matching.find((o) => o.method === method.toUpperCase());
    if (!operation) return `no ${method.toUpperCase()} on ${matching[0]!.template} (only ${[...new Set(matching.filter((o) => o.template === matching[0]!.template).map((o) => o.method))].join(', ')})`;
    const names = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    const values = templateRegex(operation.template).exec(rel)!.slice(1);
    return { operation, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i]!)])) };
  }

  /** Every way the call departs from the document; empty when it conforms. */
  validateRequest(call: HttpCall): string[] {
    const found = this.find(call.method, call.path);
    if (typeof found === 'string') return [found];
    const { operation, pathParams } = found;
    const errors: string[] = [];
    const query = new URLSearchParams(new URL(call.path, 'http://x').search);
    if (call.query instanceof URLSearchParams) call.query.forEach((v, k) => query.set(k, v));
    else for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query.set(k, String(v));

    for (const p of operation.parameters) {
      const raw = p.in === 'path' ? pathParams[p.name] : p.in === 'query' ? (query.get(p.name) ?? undefined) : p.in === 'header' ? header(call.headers, p.name.toLowerCase()) : undefined;
      if (raw === undefined) {
        if (p.required) errors.push(`${p.in}.${p.name}: is required`);
        continue;
      }
      if (!p.schema) continue;
      const isArray = this.deref(p.schema).type === 'array';
      // style simple / form with explode false: comma-separated values.
      const data = { value: isArray ? raw.split(',') : raw };
      const validate = this.compile(this.params, `${operation.method} ${operation.template} ${p.in} ${p.name}`, { type: 'object', properties: { value: p.schema } });
      if (!validate(data)) errors.push(...describe(`${p.in}.${p.name}`, validate.errors).map((e) => e.replace(`${p.in}.${p.name}.value`, `${p.in}.${p.name}`)));
    }

    const security = (operation.op.security ?? this.doc.security ?? []) as Json[];
    if (security.some((s) => 'BearerAuth' in s) && !/^Bearer \S+$/.test(header(call.headers, 'authorization') ?? ''))
      errors.push('header.Authorization: must be "Bearer <API key>"');
    // Swikly's description: "All API requests must contain an `Accept: application/json` header."
    if (!/application\/json/i.test(header(call.headers, 'accept') ?? '')) errors.push('header.Accept: must accept application/json');

    const requestBody = operation.op.requestBody ? this.deref(operation.op.requestBody) : undefined;
    const hasBody = call.body !== undefined && call.body !== '';
    if (!requestBody) {
      if (hasBody) errors.push(`body: ${operation.method} ${operation.template} takes no request body`);
    } else if (!hasBody) {
      if (requestBody.required) errors.push('body: is required');
    } else {
      const media = requestBody.content?.['application/json'];
      if (!media) errors.push(`body: ${operation.method} ${operation.template} takes no JSON body`);
      else {
        const type = header(call.headers, 'content-type');
        if (call.headers && !/^application\/json\b/i.test(type ?? '')) errors.push('header.Content-Type: must be application/json with a JSON body');
        if (media.schema) {
          const validate = this.compile(this.bodies, `${operation.method} ${operation.template} body`, media.schema);
          if (!validate(call.body)) errors.push(...describe('body', validate.errors));
        }
      }
    }
    return errors;
  }

  /**
   * Checks a response body against the documented one. Error statuses the operation does not
   * describe pass: Swikly documents its error bodies once for the whole API, not per operation.
   */
  validateResponse(method: string, path: string, status: number, body: unknown): string[] {
    const found = this.find(method, path);
    if (typeof found === 'string') return [found];
    const { operation } = found;
    const responses = (operation.op.responses ?? {}) as Json;
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) return status >= 400 ? [] : [`status ${status} is not documented for ${operation.method} ${operation.template}`];
    const schema = this.deref(declared).content?.['application/json']?.schema;
    if (!schema) return [];
    const validate = this.compile(this.responses, `${operation.method} ${operation.template} ${status}`, schema);
    return validate(body) ? [] : describe('response', validate.errors);
  }
}

function forResponses(doc: Json): Json {
  const amount = doc.components?.schemas?.Amount as Json | undefined;
  if (!amount || amount.minimum !== 1) return doc;
  return { ...doc, components: { ...doc.components, schemas: { ...doc.components.schemas, Amount: { ...amount, minimum: 0 } } } };
}

const regexes = new Map<string, RegExp>();
function templateRegex(template: string): RegExp {
  let re = regexes.get(template);
  if (!re) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}/?$`);
    regexes.set(template, re);
  }
  return re;
}

let swikly: OpenApiValidator | undefined;
/** Swikly's document, loaded once. */
export function swiklyOpenApi(): OpenApiValidator {
  return (swikly ??= OpenApiValidator.fromFile());
}

export const validateRequest = (call: HttpCall): string[] => swiklyOpenApi().validateRequest(call);
export const validateResponse = (method: string, path: string, status: number, body: unknown): string[] =>
  swiklyOpenApi().validateResponse(method, path, status, body);
