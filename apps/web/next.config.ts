import type { NextConfig } from 'next';

const config: NextConfig = {
  // Prisma's driver adapter and pg must stay Node modules, not bundled.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg', 'bullmq', 'ioredis'],
  poweredByHeader: false,
};

export default config;
