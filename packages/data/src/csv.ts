import { DataError } from './errors.js';
import type { Table } from './tabular.js';

/**
 * RFC 4180 CSV: comma separated, a header row, fields optionally in double quotes with "" for a
 * quote, LF or CRLF line ends. Every value stays a string; the table decides what is numeric.
 */
export function parseCsv(text: string, field = 'dataset.path'): Table {
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    record.push(value);
    value = '';
    // A blank line (one empty field) is not a record.
    if (record.length > 1 || record[0] !== '') {
      records.push(record);
      lines.push(recordLine);
    }
    record = [];
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        value += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        value += char;
      }
    } else if (char === '"' && value === '') {
      quoted = true;
    } else if (char === ',') {
      record.push(value);
      value = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      value += char;
    }
  }
  if (quoted)
    throw new DataError(field, `unterminated quoted field starting on line ${recordLine}`);
  if (value !== '' || record.length > 0) endRecord();
  if (records.length === 0) throw new DataError(field, 'the CSV file is empty');
  const [header, ...body] = records;
  const columns = header.map((name) => name.trim());
  const duplicate = columns.find((name, i) => columns.indexOf(name) !== i);
  if (duplicate !== undefined)
    throw new DataError(field, `the header names column '${duplicate}' twice`);
  const rows = body.map((cells, r) => {
    if (cells.length !== columns.length) {
      throw new DataError(
        field,
        `line ${lines[r + 1]} has ${cells.length} fields, the header has ${columns.length}`,
      );
    }
    return Object.fromEntries(columns.map((name, c) => [name, cells[c]]));
  });
  return { columns, rows };
}
