-- A sweep row keeps its SweepSpec (packages/sweeps) in one JSON column. Every existing row's
-- settings move into it under the spec's keys, then the columns they came from go: nothing is
-- lost, and a row exports as the file that created it.
ALTER TABLE "Sweep" ADD COLUMN "spec" JSONB;

UPDATE "Sweep" SET "spec" = jsonb_build_object(
  'name', "name",
  'workload', CASE
    WHEN "workload" ? 'command' THEN jsonb_build_object('command',
      jsonb_build_object(
        'program', "workload"->'command'->'program',
        'args', coalesce("workload"->'command'->'args', '[]'::jsonb),
        'env', coalesce("workload"->'command'->'env', '{}'::jsonb),
        'timeoutS', coalesce("workload"->'command'->'timeoutS', 'null'::jsonb)))
    ELSE "workload"
  END,
  'metric', jsonb_build_object('name', "objectiveMetric", 'goal', "direction"::text),
  'parameters', "space",
  'algorithm', jsonb_build_object('type', "algorithm") || coalesce("algorithmSettings", '{}'::jsonb),
  'stopper', coalesce("stopper", 'null'::jsonb),
  'budget', jsonb_build_object(
    'maxTrials', "maxTrials",
    'maxConcurrentTrials', "maxConcurrentTrials",
    'maxWallTimeS', "maxWallTimeS")
);

ALTER TABLE "Sweep" ALTER COLUMN "spec" SET NOT NULL;

ALTER TABLE "Sweep"
  DROP COLUMN "workload",
  DROP COLUMN "objectiveMetric",
  DROP COLUMN "direction",
  DROP COLUMN "space",
  DROP COLUMN "algorithm",
  DROP COLUMN "algorithmSettings",
  DROP COLUMN "stopper",
  DROP COLUMN "maxTrials",
  DROP COLUMN "maxConcurrentTrials",
  DROP COLUMN "maxWallTimeS";

DROP TYPE "Direction";
