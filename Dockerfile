# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev dependencies, then keep only production dependencies.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-fund --no-audit --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-fund --no-audit --loglevel=error

# Runtime: no compiler, no dev dependencies, not root.
FROM node:24-slim
ENV NODE_ENV=production \
    PARTNER_SYNC_STORE_PATH=/data/partner-sync.db \
    PARTNER_SYNC_DAEMON_HOST=0.0.0.0 \
    PARTNER_SYNC_DAEMON_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY config ./config
COPY mappings ./mappings
RUN mkdir -p /data && chown node:node /data
USER node
# The checkpoint store (SQLite + its WAL) lives here: keep it on a volume so restarts resume.
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PARTNER_SYNC_DAEMON_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# dist/cli.js runs through its first line (`env -S … node --max-old-space-size=…`): the memory bounds.
ENTRYPOINT ["/app/dist/cli.js"]
CMD ["daemon"]
