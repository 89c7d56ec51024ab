# syntax=docker/dockerfile:1
# SPDX-License-Identifier: Apache-2.0
#
# The chaincode server image: a build stage compiles TypeScript with the dev dependencies, the runtime stage
# holds production dependencies, dist/ and protos/ only, and runs as the non-root `node` user (UID 1000).
# test/image/runtime-stage.test.ts reproduces the runtime stage from this file's COPY and RUN lines.
# scripts/install-node.sh reads the Node version below, so the tests run on the same one.

ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY protos/ protos/
COPY src/ src/
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist/ dist/
COPY protos/ protos/
# Files stay owned by root: the server cannot modify its own code.
USER 1000:1000
# 9999: the chaincode gRPC server the peer dials; 9000: the sidecar (/livez, /readyz, /metrics, /info).
EXPOSE 9999 9000
# No init process: node runs as PID 1, installs its own SIGTERM/SIGINT handlers (close-with-grace in
# src/main.ts) to drain and exit, and starts no child processes, so there are no zombies to reap.
CMD ["node", "dist/main.js"]
