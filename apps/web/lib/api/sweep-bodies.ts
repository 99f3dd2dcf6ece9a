import {
  createSweepBodySchema,
  readSweepFile,
  type CreateSweepBody,
  type SweepBody,
} from '@sweepwise/sweeps';
import { mediaType } from '../auth/request-guards';
import { JSON_TYPES, parseJson, readText } from './route';

/** Media types under which a request body is a YAML sweep file rather than JSON. */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function isYaml(req: Request): boolean {
  return YAML_TYPES.includes(mediaType(req.headers.get('content-type')));
}

/**
 * The create-sweep body of a request, JSON or a YAML sweep file, validated by the scheduler's
 * schema. For a file, a validation error is placed on its line (SweepFileError: "line 7,
 * parameters.lr.low: ..."), so the form and the CLI show the same message.
 */
export async function readSweepBody(req: Request): Promise<CreateSweepBody> {
  const text = await readText(req, [...JSON_TYPES, ...YAML_TYPES]);
  if (!isYaml(req)) return createSweepBodySchema.parse(parseJson(text));
  return parseSweepText(text);
}

/** A YAML sweep file validated down to the tuner, errors on their lines. */
export function parseSweepText(text: string): CreateSweepBody {
  const file = readSweepFile(text);
  const result = createSweepBodySchema.safeParse(file.body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw file.errorAt(issue.path as (string | number)[], issue.message);
}

/** A validated body in the sweep file's canonical shape (absent optional parts as null). */
export function toFileBody(body: CreateSweepBody): SweepBody {
  const { workload } = body;
  return {
    name: body.name,
    workload: workload.command
      ? { command: { ...workload.command, timeoutS: workload.command.timeoutS ?? null } }
      : ({
          ...(workload.engine ? { engine: workload.engine } : { builtin: workload.builtin }),
        } as SweepBody['workload']),
    objective: body.objective,
    space: body.space as SweepBody['space'],
    algorithm: body.algorithm,
    stopper: body.stopper ?? null,
    budget: { ...body.budget, maxWallTimeS: body.budget.maxWallTimeS ?? null },
  };
}
