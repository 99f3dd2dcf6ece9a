import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/route';

// Checked per request like every route (the credential), never prerendered.
export const dynamic = 'force-dynamic';

/** The files of swagger-ui-dist the reference page loads, and their media types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export const GET = route<{ asset: string }>(async (_req, { asset }) => {
  const type = ASSETS[asset];
  if (!type) throw notFound(`asset ${asset}`);
  return new Response(await readFile(join(getAbsoluteFSPath(), asset)), {
    headers: { 'content-type': type, 'cache-control': 'private, max-age=86400' },
  });
});
