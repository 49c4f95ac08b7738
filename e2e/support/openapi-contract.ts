// eslint-disable-next-line flowgraph/package-arrows -- Ajv's documented entry for JSON Schema 2020-12 (ajv has no `exports` map)
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** What the contract reads of an OpenAPI 3.1 document: its paths and components (as /api/v1/openapi.json serves them). */
export interface OpenApiDocumentLike {
  servers: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, ResponseLike> }>>;
  components: { responses: Record<string, ResponseLike>; headers: Record<string, { required?: boolean }> };
}
type ResponseLike = {
  $ref?: string;
  headers?: Record<string, { $ref?: string; required?: boolean }>;
  content?: Record<string, { schema: unknown }>;
};

/** One answer of the REST API, as a test saw it. */
export interface SeenAnswer {
  method: string;
  /** The request's path under the server URL (`/workflows/…?limit=2`). */
  path: string;
  status: number;
  headers: Headers;
  /** The body as text ('' when none). */
  text: string;
}

/** An answer the document does not describe. */
export class ContractViolation extends Error {}

const DOCUMENT_ID = 'openapi.json';

/**
 * Checks answers against an OpenAPI 3.1 document with Ajv (JSON Schema 2020-12, formats on): the
 * status must be documented for the route (an unknown path is 404, a known path with another
 * method 405, both in the error envelope), the body must match that status's schema, and headers
 * the document marks required must be there. Throws a `ContractViolation` naming what differs.
 */
export function openApiContract(document: OpenApiDocumentLike): { check(answer: SeenAnswer): void } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // The whole document under one id: response schemas refer to `#/components/…` of it.
  ajv.addSchema(document as object, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = validators.get(pointer);
    if (!validate) validators.set(pointer, (validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` })));
    return validate;
  };
  const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const errorAnswer = (status: number) => ({
    response: document.components.responses[status === 404 ? 'NotFound' : 'MethodNotAllowed'],
    pointer: `/components/responses/${status === 404 ? 'NotFound' : 'MethodNotAllowed'}`,
  });

  return {
    check(answer) {
      const where = `${answer.method} ${answer.path} → ${answer.status}`;
      const fail = (why: string, errors?: ErrorObject[] | null): never => {
        throw new ContractViolation(
          `${where}: ${why}${errors ? `\n${ajv.errorsText(errors, { separator: '\n' })}` : ''}\n${answer.text.slice(0, 500)}`,
        );
      };
      const path = answer.path.split('?')[0];
      const template = templates.find((t) => t.pattern.test(path))?.template;
      const operation = template ? document.paths[template][answer.method.toLowerCase()] : undefined;
      let response: ResponseLike | undefined;
      let pointer: string;
      if (!template || !operation) {
        const expected = template ? 405 : 404;
        if (answer.status !== expected) fail(template ? 'the path has no such method: expected 405' : 'no such path: expected 404');
        ({ response, pointer } = errorAnswer(expected));
      } else {
        response = operation.responses[String(answer.status)];
        if (!response) fail(`status not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
        pointer = `/paths/${escape(template)}/${answer.method.toLowerCase()}/responses/${answer.status}`;
      }
      if (response!.$ref) {
        pointer = response!.$ref.slice(1);
        response = document.components.responses[response!.$ref.split('/').pop()!];
      }
      for (const [name, header] of Object.entries(response!.headers ?? {})) {
        const required = header.$ref ? document.components.headers[header.$ref.split('/').pop()!]?.required : header.required;
        if (required && !answer.headers.has(name)) fail(`missing the required header ${name}`);
      }
      if (!response!.content) {
        if (answer.text !== '') fail('a body where the document describes none');
        return;
      }
      if (!answer.headers.get('content-type')?.startsWith('application/json')) fail('expected application/json');
      let body: unknown;
      try {
        body = JSON.parse(answer.text);
      } catch {
        fail('the body is not JSON');
      }
      const validate = validatorAt(`${pointer}/content/application~1json/schema`);
      if (!validate(body)) fail("the body does not match the document's schema", validate.errors);
    },
  };
}
