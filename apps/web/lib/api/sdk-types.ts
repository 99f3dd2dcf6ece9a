import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from './openapi';

/**
 * The API's description as the SDK keeps it (packages/sdk may import no app, so it gets files):
 * the OpenAPI document as JSON, and the TypeScript types openapi-typescript generates from it.
 * scripts/sdk-types.ts writes them; test/sdk-types.test.ts fails when the committed ones are stale.
 */
export const SDK_FILES = {
  document: 'packages/sdk/openapi.json',
  types: 'packages/sdk/src/api-types.ts',
} as const;

const HEADER =
  '// Generated from packages/sdk/openapi.json by `pnpm --filter @sweepwise/web sdk-types`: do not edit.\n';

export const REPO_ROOT = join(import.meta.dirname, '../../../..');

/** The files' text, formatted as the repository's prettier config says (they are committed). */
export async function sdkFiles(): Promise<Record<keyof typeof SDK_FILES, string>> {
  const doc = openApiDocument();
  const types = astToString(
    await openapiTS(doc as unknown as OpenAPI3, {
      // A field with a default may be left out of a request (zod's input side does not require it).
      defaultNonNullable: false,
    }),
  );
  const formatted = async (text: string, file: string) =>
    format(text, { ...(await resolveConfig(join(REPO_ROOT, file))), filepath: file });
  return {
    document: await formatted(JSON.stringify(doc), SDK_FILES.document),
    types: await formatted(HEADER + types, SDK_FILES.types),
  };
}
