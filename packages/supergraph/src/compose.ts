import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdlPath } from './paths';
import { defaultSubgraphUrls, subgraphNames } from './subgraphs';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

export type CompositionOutcome = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * Composes subgraph SDLs into a supergraph (pure: no files, no network). A parse error in one
 * SDL is reported like a composition error, naming the subgraph.
 */
export function composeSupergraph(sources: SubgraphSource[]): CompositionOutcome {
  const services = [];
  const parseErrors: string[] = [];
  for (const source of sources) {
    try {
      services.push({ name: source.name, url: source.url, typeDefs: parse(source.sdl) });
    } catch (error) {
      parseErrors.push(`[${source.name}] ${(error as Error).message}`);
    }
  }
  if (parseErrors.length > 0) return { ok: false, errors: parseErrors };
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => `${e.extensions?.code ?? 'COMPOSITION_ERROR'}: ${e.message}`) };
  }
  // A trailing newline keeps the committed file friendly to editors and diff tools.
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, hints: result.hints.map((h) => h.toString()) };
}

/** The subgraphs' SDL files under `root` with their default URLs (the committed supergraph names those). */
export function readSubgraphSources(root: string, urls: Record<string, string> = defaultSubgraphUrls): SubgraphSource[] {
  return subgraphNames.map((name) => ({ name, url: urls[name], sdl: readFileSync(subgraphSdlPath(root, name), 'utf8') }));
}
