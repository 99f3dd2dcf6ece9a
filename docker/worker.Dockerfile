FROM node:20-bookworm
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
ENV PRISMA_SCHEMA_ENGINE_BINARY=/app/prisma/schema.prisma
RUN pnpm install --frozen-lockfile && pnpm exec turbo run build --filter=@sweepwise/worker...
CMD ["node", "apps/worker/dist/main.js"]
