// Writes the OpenAPI document and the SDK's types generated from it (lib/api/sdk-types.ts):
//   pnpm --filter @sweepwise/web sdk-types
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SDK_FILES, sdkFiles } from '../lib/api/sdk-types';

const files = await sdkFiles();
for (const [name, path] of Object.entries(SDK_FILES)) {
  writeFileSync(join(REPO_ROOT, path), files[name as keyof typeof SDK_FILES]);
  console.log(`wrote ${path}`);
}
