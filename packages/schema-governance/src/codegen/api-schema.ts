import { readFileSync } from 'node:fs';
import { supergraphPath } from '@flowgraph/supergraph';
import { apiSchemaOf } from '../composition';
import { findRepositoryRoot } from '../root';

/**
 * codegen.yml's schema for clients: the public API schema of the committed
 * gateway/supergraph.graphql (what the gateway serves: no join__ or inaccessible parts).
 */
export const schema = apiSchemaOf(readFileSync(supergraphPath(findRepositoryRoot(process.cwd())), 'utf8'));
