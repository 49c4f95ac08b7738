import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './helpers';

/**
 * Offline schema checks of the deploy files (decision 0034). Kubernetes objects are checked twice
 * against the models of `kubernetes-models` (core API), `@kubernetes-models/keda` and
 * `@kubernetes-models/argo-rollouts`, `@kubernetes-models/prometheus-operator` (4.4, the last line for
 * Node 20, like kubernetes-models 4.5), all generated from the APIs' OpenAPI schemas:
 * - their validators (ajv): types, required fields, enums, formats;
 * - their TypeScript interfaces: each object is type-checked as a literal of its kind's interface,
 *   so a field the API does not have (a typo, a wrong level) is an error, as in kubeconform -strict.
 * docker-compose.yml is checked against the Compose Specification's JSON schema (as shipped by dclint).
 */

export type Manifest = { apiVersion: string; kind: string; metadata?: { name?: string } } & Record<string, unknown>;
export type SchemaProblem = { object: string; message: string };

const requireModel = createRequire(path.join(repoRoot, 'package.json'));

/** `kubectl kustomize <dir>`: the objects an overlay applies. */
export function renderKustomization(dir: string): Manifest[] {
  const yaml = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(yaml).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as Manifest;
  });
}

/** The module of a kind's model: `<package>/<group>/<version>/<Kind>` (the core group is `v1`). */
function modelModule({ apiVersion, kind }: Manifest): string {
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  if (apiVersion.startsWith('argoproj.io/')) return `@kubernetes-models/argo-rollouts/${apiVersion}/${kind}`;
  if (apiVersion.startsWith('monitoring.coreos.com/')) return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const describeObject = (manifest: Manifest) => `${manifest.kind}/${manifest.metadata?.name ?? '?'}`;

/** Types, required fields, enums and formats; an unknown apiVersion/kind is a problem too. */
function validateWithModels(manifests: Manifest[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const manifest of manifests) {
    try {
      const Model = (requireModel(modelModule(manifest)) as Record<string, new (data: unknown) => { validate(): void }>)[manifest.kind];
      new Model(manifest).validate();
    } catch (error) {
      problems.push({ object: describeObject(manifest), message: (error as Error).message });
    }
  }
  return problems;
}

/** Fields the API does not have: TypeScript's excess-property check of each object against `I<Kind>`. */
function checkFieldsWithTypes(manifests: Manifest[]): SchemaProblem[] {
  // Virtual files beside this one, so `kubernetes-models` resolves from the repository's node_modules.
  const files = new Map(
    manifests.map((manifest, index) => [
      path.join(__dirname, `manifest-${index}.ts`),
      `import type { I${manifest.kind} as Kind } from '${modelModule(manifest)}';\nexport const object: Kind = ${JSON.stringify(manifest)};\n`,
    ]),
  );
  const objectOf = new Map([...files.keys()].map((file, index) => [file, describeObject(manifests[index])]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, version, ...rest) => {
    const text = files.get(file);
    return text === undefined ? getSourceFile(file, version, ...rest) : ts.createSourceFile(file, text, version);
  };
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file) ?? readFile(file);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    object: (diagnostic.file && objectOf.get(diagnostic.file.fileName)) ?? diagnostic.file?.fileName ?? '?',
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  }));
}

/** Every problem of every object, by its models' validators and their interfaces; [] when all conform. */
export function validateManifests(manifests: Manifest[]): SchemaProblem[] {
  return [...validateWithModels(manifests), ...checkFieldsWithTypes(manifests)];
}

/** The Compose Specification's problems with a parsed compose file; [] when it conforms. */
export function validateCompose(compose: unknown): SchemaProblem[] {
  // dclint ships the Compose Specification's JSON schema (draft-07), kept current with the spec.
  const schemaFile = path.join(path.dirname(requireModel.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
  // Its `$schema` names draft-07 by the https URI, which Ajv (draft-07 by default) registers under http.
  const { $schema: _draft07, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => ({
    object: error.instancePath || '/',
    message: `${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  }));
}
