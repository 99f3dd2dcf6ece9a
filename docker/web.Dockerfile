FROM node:20-bookworm
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
ENV PRISMA_SCHEMA_ENGINE_BINARY=/app/prisma/schema.prisma
RUN pnpm install --frozen-lockfile && pnpm exec turbo run build --filter=@sweepwise/web...
# Migrations run from the web container before it serves.
CMD ["sh", "-c", "bash scripts/prisma.sh migrate deploy && cd apps/web && pnpm exec next start --hostname ${SWEEPWISE_HOST:-0.0.0.0} --port 3000"]
