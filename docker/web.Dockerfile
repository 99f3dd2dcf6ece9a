# The dashboard image (`runtime`, the default) and the one-shot migration image (`migrate`).
# Built with the whole workspace; the dashboard ships with production dependencies only; both run
# as the unprivileged `node` user. Build from the repository root (compose: context ..).
FROM node:20-bookworm AS build
WORKDIR /src
RUN npm install -g pnpm@10.34.9
COPY . .
ENV PRISMA_SCHEMA_ENGINE_BINARY=/src/prisma/schema.prisma TURBO_TELEMETRY_DISABLED=1
RUN pnpm install --frozen-lockfile \
  && pnpm exec turbo run build --filter=@sweepwise/web... \
  && pnpm --filter @sweepwise/web deploy --prod --legacy /app \
  && bash docker/prepare-deploy.sh . apps/web /app

# `prisma migrate deploy` needs the Prisma CLI, a build tool: it runs from the build stage, once,
# before the dashboard and the workers start (compose's migrate service).
FROM build AS migrate
USER node
CMD ["bash", "scripts/prisma.sh", "migrate", "deploy"]

FROM node:20-bookworm-slim AS runtime
# The state directory (API token, login links) and the checkpoint store, owned by `node` so the
# named volumes mounted there start writable by it.
RUN mkdir -p /var/lib/sweepwise/state /var/lib/sweepwise/checkpoints \
  && chown -R node:node /var/lib/sweepwise
COPY --from=build /app /app
WORKDIR /app
ENV NODE_ENV=production SWEEPWISE_STATE_DIR=/var/lib/sweepwise/state \
  SWEEPWISE_CHECKPOINT_DIR=/var/lib/sweepwise/checkpoints
USER node
EXPOSE 3000
CMD ["sh", "-c", "exec node node_modules/next/dist/bin/next start --hostname ${SWEEPWISE_HOST:-0.0.0.0} --port 3000"]
