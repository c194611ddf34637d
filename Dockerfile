# syntax=docker/dockerfile:1
# The Tandem server (apps/server) with the built web app. NOT built or run in CI (no Docker on
# the CI machine): written against the official node:20-bookworm images; see README
# "Several instances (docker compose)".

FROM node:20-bookworm AS build
WORKDIR /app
RUN npm install --global --no-fund --no-audit pnpm@10.34.9
COPY . .
# .npmrc points node-gyp at Debian's Node headers (/usr); the official image keeps them in
# /usr/local. sqlite3 compiles from source here (python3, make and g++ are in this image).
RUN sed -i 's|^nodedir=/usr$|nodedir=/usr/local|' .npmrc \
  && CI=true pnpm install --frozen-lockfile \
  && pnpm build

# The runtime copies the whole built workspace (pnpm's node_modules are symlinks into
# node_modules/.pnpm, kept by COPY). It still carries dev dependencies; slimming it with
# `pnpm deploy` is left for later.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    TANDEM_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
# /health answers 503 while starting, stopping, or when the database is unreachable.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM closes every connection, flushes every pending write and exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/dist/main.js"]
