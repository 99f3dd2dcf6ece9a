import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The deployment's promises (README "Deployment"), read from the files users build and run. No
// Docker engine runs here, so this reads docker/compose.yml as compose would (YAML with merge
// keys) and each service's Dockerfile stage.
const docker = join(import.meta.dirname, '../../../docker');

interface Service {
  build?: { context: string; dockerfile: string; target?: string };
  image?: string;
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  container_name?: string;
}

const compose = parse(readFileSync(join(docker, 'compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

/** The lines of the Dockerfile stage a service is built from (its target, else the last). */
function stage(service: Service): string[] {
  const file = readFileSync(join(docker, '..', service.build!.dockerfile), 'utf8');
  const stages = file.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '));
  const target = service.build!.target;
  const found = target
    ? stages.find((s) => new RegExp(`^FROM \\S+ AS ${target}\\b`, 'i').test(s))
    : stages.at(-1);
  expect(found, `stage ${target ?? '(last)'} of ${service.build!.dockerfile}`).toBeDefined();
  return found!.split('\n');
}

describe('docker/compose.yml', () => {
  it('gives every service a healthcheck, and every server a restart policy', () => {
    for (const [name, s] of Object.entries(services)) {
      expect(s.healthcheck?.test.length, `${name}.healthcheck`).toBeGreaterThan(0);
      if (name !== 'migrate') expect(s.restart, `${name}.restart`).toBe('unless-stopped');
    }
  });

  it('migrates once, in its own service, before web and workers start', () => {
    expect(services.migrate.restart).toBe('no');
    expect(stage(services.migrate).join('\n')).toMatch(/prisma\.sh", "migrate", "deploy"/);
    for (const name of ['web', 'worker']) {
      expect(services[name].depends_on?.migrate).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(stage(services[name]).join('\n'), `${name} starts without migrating`).not.toMatch(
        /migrate/,
      );
    }
  });

  it('runs web, worker and migrate as a non-root user', () => {
    for (const name of ['web', 'worker', 'migrate']) {
      const user = stage(services[name])
        .filter((l) => /^USER /.test(l))
        .at(-1);
      expect(user, `${name} USER`).toBeDefined();
      expect(user!.replace(/^USER\s+/, '').trim()).not.toMatch(/^(root|0)(:|$)/);
    }
  });

  it('ships web and worker without dev dependencies: built in one stage, copied to another', () => {
    for (const name of ['web', 'worker']) {
      const lines = stage(services[name]);
      expect(lines[0], `${name} is a later stage`).not.toMatch(/ AS build/i);
      expect(lines.join('\n')).toMatch(/COPY --from=build \/app \/app/);
      expect(lines.join('\n'), `${name} installs nothing of the workspace`).not.toMatch(
        /pnpm install/,
      );
      const build = readFileSync(join(docker, '..', services[name].build!.dockerfile), 'utf8');
      expect(build).toMatch(/deploy --prod/);
    }
  });

  it('scales workers: no fixed name or host port; they run commands in a mounted code volume', () => {
    const worker = services.worker;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.environment?.SWEEPWISE_ALLOW_COMMANDS).toBe('1');
    expect(worker.environment?.DATABASE_URL).toBe(services.web.environment?.DATABASE_URL);
    expect(worker.volumes?.some((v) => v.endsWith(':/code'))).toBe(true);
    expect(stage(worker).join('\n')).toMatch(/SWEEPWISE_CODE_DIR=\/code/);
  });
});
