import type { Db } from '../client.js';

/** The test evaluations of a sweep and how often its test set has been used. */
export async function listTestEvaluations(db: Db, sweepId: string) {
  const evaluations = await db.testEvaluation.findMany({
    where: { sweepId },
    orderBy: { sequence: 'asc' },
    include: { trial: { select: { number: true, value: true, metrics: true } } },
  });
  const uses = evaluations.length;
  return { evaluations, uses, warning: testSetWarning(uses) };
}

/** What the dashboard and the API say once the test set has been looked at more than once. */
export function testSetWarning(uses: number): string | null {
  if (uses < 2) return null;
  return (
    `Test set used ${uses} times in this sweep. Choosing between promoted models by their test ` +
    `score is overfitting the test set: pick by validation score and report one test result.`
  );
}
