/** One reason a request was refused, pointing at the field at fault. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** The API's error answer: `{ error: { code, message, issues } }`. */
export function errorBody(
  status: number,
  code: string,
  message: string,
  issues: FieldIssue[] = [],
) {
  return Response.json({ error: { code, message, issues } }, { status });
}
