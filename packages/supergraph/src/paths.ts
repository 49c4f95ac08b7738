import { join } from 'node:path';

/** The committed supergraph the gateway serves, under a repository root (or a fixture shaped like one). */
export const supergraphPath = (root: string): string => join(root, 'gateway', 'supergraph.graphql');

/** A subgraph's SDL file: read as a file, never imported, so neither the gateway nor tooling depends on a subgraph package. */
export const subgraphSdlPath = (root: string, name: string): string => join(root, 'subgraphs', name, 'schema.graphql');
