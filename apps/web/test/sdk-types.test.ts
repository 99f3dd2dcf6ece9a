import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SDK_FILES, sdkFiles } from '../lib/api/sdk-types';

describe("the SDK's generated API files", () => {
  it('are what the OpenAPI document generates now (else: pnpm --filter @sweepwise/web sdk-types)', async () => {
    const fresh = await sdkFiles();
    for (const [name, path] of Object.entries(SDK_FILES)) {
      const committed = readFileSync(join(REPO_ROOT, path), 'utf8');
      expect(committed, `${path} is stale: pnpm --filter @sweepwise/web sdk-types`).toBe(
        fresh[name as keyof typeof SDK_FILES],
      );
    }
    expect(fresh.types).toContain("'/sweeps/{id}/ask'");
    // Generating and formatting 2,000 lines takes seconds on a loaded machine: past vitest's 5 s.
  }, 60_000);
});
