import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/security-headers';

const config: NextConfig = {
  // Prisma's driver adapter and pg must stay Node modules, not bundled.
  serverExternalPackages: [
    '@prisma/client',
    '@prisma/adapter-pg',
    'pg',
    'bullmq',
    'ioredis',
    'pino',
    // Only its folder is asked for (app/api/docs): the files are served as they ship.
    'swagger-ui-dist',
  ],
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default config;
