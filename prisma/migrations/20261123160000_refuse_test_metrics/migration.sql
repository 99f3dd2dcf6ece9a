-- Issue 8: Postgres itself refuses test metrics on trial writes. The test set is evaluated only by
-- a promotion, whose metrics go to "TestEvaluation". assertNoTestMetrics (packages/db/src/
-- promotions.ts) refuses them first with a message naming the key, and these constraints catch
-- any writer that skips it. Same pattern as the guard: test_acc, test.loss, test/f1, test-mse.
-- (No semicolons in comments: Prisma splits a migration into statements on them.)
ALTER TABLE "CurvePoint"
  ADD CONSTRAINT "CurvePoint_metric_not_test" CHECK ("metric" !~* '^test[_./-]');

-- Keys of every object in the metrics, nested ones too, as the guard checks nested objects.
-- jsonb_path_exists is IMMUTABLE, so a CHECK may use it.
ALTER TABLE "Trial"
  ADD CONSTRAINT "Trial_metrics_not_test" CHECK (
    NOT jsonb_path_exists(
      "metrics",
      '$.** ? (@.type() == "object").keyvalue() ? (@.key like_regex "^test[_./-]" flag "i")'
    )
  );
