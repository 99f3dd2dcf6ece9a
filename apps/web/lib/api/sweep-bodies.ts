import { readSweepFile, type SweepSpec } from '@sweepwise/sweeps';
import { mediaType } from '../auth/request-guards';
import { JSON_TYPES, parseJson, readText } from './route';
import { ServerSweepSpec } from './server-sweep-spec';

/** Media types under which a request body is a YAML sweep file rather than JSON. */
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function isYaml(req: Request): boolean {
  return YAML_TYPES.includes(mediaType(req.headers.get('content-type')));
}

/**
 * The SweepSpec of a request, JSON or a YAML sweep file, parsed once by the shared schema. For a
 * file, an error is placed on its line (SweepFileError: "line 7, parameters.lr.low: ..."), so
 * the form and the CLI show the same message.
 */
export async function readSweepSpec(req: Request): Promise<SweepSpec> {
  const text = await readText(req, [...JSON_TYPES, ...YAML_TYPES]);
  return isYaml(req)
    ? readSweepFile(text, { schema: ServerSweepSpec }).spec
    : ServerSweepSpec.parse(parseJson(text));
}
