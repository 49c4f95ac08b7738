export { subgraphNames, defaultSubgraphUrls, type SubgraphName } from './subgraphs';
export { supergraphPath, subgraphSdlPath } from './paths';
export { composeSupergraph, readSubgraphSources, type CompositionOutcome, type SubgraphSource } from './compose';
export {
  CLIENT_NAME,
  MANIFEST_FILE,
  ManifestError,
  manifestJson,
  normalizeDocumentId,
  parseManifest,
  sha256Hex,
  type Manifest,
  type TrustedDocument,
} from './manifest';
