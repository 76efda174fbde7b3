# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the locked dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what runs, as an unprivileged user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/var/lib/rcgate
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The browser viewer's static page (served from the source path).
COPY --from=build /app/src/viewer/static ./src/viewer/static
COPY package.json ./
COPY bin ./bin
RUN groupadd --system rcgate && useradd --system --gid rcgate --home-dir /var/lib/rcgate rcgate \
 && mkdir -p /var/lib/rcgate && chown rcgate:rcgate /var/lib/rcgate
USER rcgate
# 8080: the API (PORT); 8081: a standalone relay (`relay`, or RCGATE_ROLE=relay; RELAY_PORT).
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["node", "bin/healthcheck.js"]
ENTRYPOINT ["node", "bin/rcgate.js"]
CMD ["serve"]
