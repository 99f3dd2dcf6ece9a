# The worker image: built with the whole workspace, shipped with the worker's production
# dependencies only, run as the unprivileged `node` user. Build from the repository root
# (compose: context ..).
FROM node:20-bookworm AS build
WORKDIR /src
RUN npm install -g pnpm@10.34.9
COPY . .
ENV PRISMA_SCHEMA_ENGINE_BINARY=/src/prisma/schema.prisma TURBO_TELEMETRY_DISABLED=1
RUN pnpm install --frozen-lockfile \
  && pnpm exec turbo run build --filter=@sweepwise/worker... \
  && pnpm --filter @sweepwise/worker deploy --prod --legacy /app \
  && bash docker/prepare-deploy.sh . apps/worker /app

FROM node:20-bookworm-slim
# Command trials run user code: Python 3 with the `sweepwise` package (python/), as `npm start` has.
COPY python /tmp/sweepwise-python
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 python3-pip python3-setuptools \
  && pip3 install --no-cache-dir --no-build-isolation --break-system-packages /tmp/sweepwise-python \
  && rm -rf /var/lib/apt/lists/* /tmp/sweepwise-python \
  # Mount points owned by `node`, so named volumes start writable by it.
  && mkdir -p /code /var/lib/sweepwise/checkpoints \
  && chown node:node /code /var/lib/sweepwise /var/lib/sweepwise/checkpoints
COPY --from=build /app /app
WORKDIR /app
# Commands run in /code (mount your project there); data files are read from /code/data.
ENV NODE_ENV=production SWEEPWISE_CODE_DIR=/code \
  SWEEPWISE_CHECKPOINT_DIR=/var/lib/sweepwise/checkpoints
USER node
CMD ["node", "dist/main.js"]
