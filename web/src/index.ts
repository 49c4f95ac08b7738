// The web app's typed GraphQL operations and urql hooks, generated from src/graphql/*.graphql
// by `npm run codegen` (see codegen.yml); the app itself comes with its own issue.
export * from './generated/graphql';
