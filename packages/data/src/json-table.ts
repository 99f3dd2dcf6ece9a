import { DataError } from './errors.js';
import type { Cell, Table } from './tabular.js';

/**
 * A JSON file holding an array of flat objects, one per row; a key absent from a row is missing
 * there. A syntax error says where, never what: V8's messages quote the text around it.
 */
export function parseJsonTable(text: string): Table {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    throw new DataError(
      'dataset.path',
      `is not valid JSON${at ? ` (${lineAndColumn(text, Number(at[1]))})` : ''}`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new DataError('dataset.path', 'a JSON data file must hold an array of row objects');
  }
  const cells = new Map<string, Cell[]>();
  parsed.forEach((row: unknown, r) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new DataError('dataset.path', `row ${r + 1} is not an object`);
    }
    for (const [name, value] of Object.entries(row)) {
      if (typeof value === 'object' && value !== null) {
        throw new DataError('dataset.path', `row ${r + 1}, column '${name}' holds a nested value`);
      }
      if (!cells.has(name)) cells.set(name, new Array<Cell>(parsed.length).fill(undefined));
      cells.get(name)![r] = value as Cell;
    }
  });
  return { columns: [...cells.keys()], cells, rows: parsed.length };
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}
