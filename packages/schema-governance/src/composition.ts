import { existsSync, readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { composeSupergraph, readSubgraphSources, subgraphNames, supergraphPath, type CompositionOutcome } from '@flowgraph/supergraph';
import type { GraphQLSchema } from 'graphql';
import type { CompositionProblem } from './types';

/** The committed supergraph's SDL, or undefined when there is none. */
export function readCommittedSupergraph(root: string): string | undefined {
  const file = supergraphPath(root);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Composes `root`'s subgraphs with the composition `npm run compose` uses (`@flowgraph/supergraph`). */
export function composeWorkspace(root: string): CompositionOutcome {
  return composeSupergraph(readSubgraphSources(root));
}

const QUOTED = /"([^"]+)"/g;
const COORDINATE = /^[_A-Za-z][_A-Za-z0-9]*(\.[_A-Za-z][_A-Za-z0-9]*)+$/;

/**
 * The composer's messages (`CODE: message`, or `[subgraph] message` for SDL that does not parse)
 * with the subgraphs and fields they name picked out, so the report can list them.
 */
export function describeCompositionErrors(errors: string[]): CompositionProblem[] {
  const known = new Set<string>(subgraphNames);
  return errors.map((error) => {
    const parseError = /^\[([^\]]+)\] (.*)$/s.exec(error);
    if (parseError) return { code: 'INVALID_GRAPHQL', message: error, subgraphs: [parseError[1]], coordinates: [] };
    const coded = /^([A-Z_]+): (.*)$/s.exec(error);
    const subgraphs = new Set<string>();
    const coordinates = new Set<string>();
    for (const [, quoted] of error.matchAll(QUOTED)) {
      if (known.has(quoted)) subgraphs.add(quoted);
      else if (COORDINATE.test(quoted)) coordinates.add(quoted);
    }
    return { code: coded ? coded[1] : 'COMPOSITION_ERROR', message: error, subgraphs: [...subgraphs], coordinates: [...coordinates] };
  });
}

/** The public API schema of a supergraph: what clients can query (no join__ or inaccessible parts). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
