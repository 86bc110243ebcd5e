# syntax=docker/dockerfile:1
#
# One image, the entry points CI runs, as the commands their npm scripts run:
#   docker run IMAGE                      the API (= npm run start:api), port 3000
#   docker run IMAGE node --optimize-for-size --import tsx packages/worker/src/main.ts schedule
#                                         the worker's scheduler (= npm run start:worker)
#   docker run IMAGE node --optimize-for-size packages/worker/dist/main.mjs once
#                                         one cycle, then exit 0 / 1 / 2 (the built `worker once`)
# Not `npm run ...` as the container's command: on SIGTERM npm exits 143 at once and leaves its
# child behind (npm 11; see docs/operations.md), so `docker stop` would cut a scrape off
# instead of letting it finish. `npm run worker -- once` is fine for a job never stopped.
#
# scripts/dockerfile-steps.sh runs these steps outside Docker in .ci/run (no Docker engine
# there): change one, change the other.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The workspaces' package.json files and sources all take part in the install and the build;
# .dockerignore keeps node_modules, dist and local data out.
COPY . .
# Not `npm ci`, for the reason given in .ci/run: the lock file cannot list every platform's
# optional binaries (biome, turbo, esbuild). `npm install` installs the versions it pins.
RUN npm install --no-audit --no-fund
# The dashboard (vite) and the worker bundle (esbuild): both need devDependencies.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Only the workspaces the entry points load, and the two builds. The test-only workspaces
# (testkit, embedded-db, velog-fake, bench, app) are left out: their `dependencies` (vitest,
# mongodb-memory-server, ...) would otherwise count as production ones.
COPY package.json package-lock.json ./
COPY packages/shared/ packages/shared/
COPY packages/velog/ packages/velog/
COPY packages/store/ packages/store/
COPY packages/demo/ packages/demo/
COPY packages/api/ packages/api/
COPY packages/worker/ packages/worker/
COPY --from=build /app/packages/worker/dist/ packages/worker/dist/
COPY --from=build /app/packages/dashboard/dist/ packages/dashboard/dist/
# Production dependencies only. tsx is one: the API and `npm run start:worker` run TypeScript
# through it. Installed as root, run as `node`: the process cannot rewrite its own code.
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 3000
# The API's liveness (no database round trip); readiness is /readyz. The worker's container
# overrides this (compose.yaml): it serves no /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "packages/api/src/server.ts"]
