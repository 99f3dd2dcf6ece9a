import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, dataPathProblem, MAX_CATEGORIES, type FileDatasetSpec } from '@sweepwise/data';
import { validateConfig } from '@sweepwise/engine';
import {
  DATA_FILE_MAX_BYTES,
  dataFilesFromEnv,
  loadDataset,
  loadTrialDataset,
} from '../src/index.js';

const outer = mkdtempSync(join(tmpdir(), 'sweepwise-data-'));
const dir = join(outer, 'root');
mkdirSync(dir);
afterAll(() => rmSync(outer, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

function load(spec: FileDatasetSpec): ReturnType<typeof loadDataset> {
  return loadDataset(spec, { files: { root: dir, maxBytes: DATA_FILE_MAX_BYTES } });
}

const FLOWERS = [
  'height,colour,"name, full",label',
  '1.5,red,"a ""rose""",yes',
  '2.5,blue,b,no',
  '3.5,red,c,yes',
  '4.5,green,d,no',
].join('\r\n');

describe('CSV files', () => {
  it('keeps numeric columns and one-hot encodes categorical ones', () => {
    const ds = load({
      path: file('flowers.csv', FLOWERS),
      target: 'label',
      task: 'classification',
      exclude: ['name, full'],
    });
    expect(ds.featureNames).toEqual(['height', 'colour=blue', 'colour=green', 'colour=red']);
    expect(ds.classNames).toEqual(['no', 'yes']);
    expect(Array.from(ds.x.subarray(0, 4))).toEqual([1.5, 0, 0, 1]);
    expect(Array.from(ds.x.subarray(4, 8))).toEqual([2.5, 1, 0, 0]);
    expect(Array.from(ds.y)).toEqual([1, 0, 1, 0]);
    expect(ds.name).toBe('flowers.csv');
  });

  it('ignores spaces around values', () => {
    const path = file('spaced.csv', 'size, colour, label\n1, red, a\n2,red ,b\n 3 ,blue, a\n');
    const ds = load({ path, target: 'label', task: 'classification' });
    expect(ds.featureNames).toEqual(['size', 'colour=blue', 'colour=red']);
    expect(ds.classNames).toEqual(['a', 'b']);
    expect(Array.from(ds.x)).toEqual([1, 0, 1, 2, 0, 1, 3, 1, 0]);
  });

  it('reads quoted fields with commas and quotes', () => {
    const ds = load({
      path: file('quoted.csv', FLOWERS),
      target: 'name, full',
      task: 'classification',
    });
    expect(ds.classNames).toEqual(['a "rose"', 'b', 'c', 'd']);
  });

  it('reads a BOM, CRLF, blank lines and quoted line breaks, and counts lines right', () => {
    const text = '\uFEFFnote,x,y\r\n"two\nlines",1,a\r\n\r\nplain,2,b\n"",3,a\n';
    const ds = load({
      path: file('odd.csv', text),
      target: 'y',
      task: 'classification',
      missing: 'drop',
    });
    expect(ds.n).toBe(2);
    expect(ds.missing?.droppedRows).toEqual([3]);
    expect(ds.featureNames).toEqual(['note=plain', 'note=two\nlines', 'x']);
    const ragged = file('ragged-late.csv', 'a,b\n"x\ny",2\n\n3\n');
    expect(() => load({ path: ragged, target: 'b', task: 'regression' })).toThrow(
      /line 5 has 1 fields/,
    );
    const junk = file('junk.csv', 'a,b\n"x"y,2\n');
    expect(() => load({ path: junk, target: 'b', task: 'regression' })).toThrow(
      /line 2: a closing quote must end its field/,
    );
  });

  it('sorts numeric class labels as numbers', () => {
    const ds = load({
      path: file('numeric-labels.csv', 'x,label\n1,10\n2,9\n3,2\n'),
      target: 'label',
      task: 'classification',
    });
    expect(ds.classNames).toEqual(['2', '9', '10']);
  });

  it('refuses missing values until told to drop or impute, naming rows and columns', () => {
    const path = file(
      'holes.csv',
      'a,b,colour,y\n1,10,red,0.5\n,20,blue,1.5\n3,NA,,2.5\n5,40,red,\n',
    );
    const refuse = (): unknown => load({ path, target: 'y', task: 'regression' });
    expect(refuse).toThrow(DataError);
    expect(refuse).toThrow(
      /dataset\.missing: 3 of 4 rows have missing values \(rows 2, 3, 4; columns 'a' \(1\), 'b' \(1\), 'colour' \(1\), 'y' \(1\)\): set dataset\.missing to "drop" or "impute"/,
    );
  });

  it('drops incomplete rows and reports them', () => {
    const path = file(
      'holes-drop.csv',
      'a,b,colour,y\n1,10,red,0.5\n,20,blue,1.5\n3,NA,,2.5\n5,40,red,\n7,50,blue,3\n',
    );
    const ds = load({ path, target: 'y', task: 'regression', missing: 'drop' });
    expect(ds.n).toBe(2);
    expect(Array.from(ds.y)).toEqual([0.5, 3]);
    expect(ds.missing).toEqual({ policy: 'drop', droppedRows: [2, 3, 4], imputed: {} });
  });

  it('imputes the mean and the mode, and still drops rows without a target', () => {
    const path = file(
      'holes-impute.csv',
      'a,b,colour,y\n1,10,red,0.5\n,20,blue,1.5\n3,NA,,2.5\n5,40,red,\n7,50,blue,3\n',
    );
    const ds = load({ path, target: 'y', task: 'regression', missing: 'impute' });
    expect(ds.missing).toEqual({
      policy: 'impute',
      droppedRows: [4],
      imputed: { a: 1, b: 1, colour: 1 },
    });
    expect(ds.n).toBe(4);
    expect(ds.featureNames).toEqual(['a', 'b', 'colour=blue', 'colour=red']);
    // Row 2 gets a = mean(1, 3, 7); row 3 gets b = mean(10, 20, 50) and colour = blue (tie with red, sorts first).
    expect(ds.x[1 * 4 + 0]).toBeCloseTo(11 / 3, 5);
    expect(ds.x[2 * 4 + 1]).toBeCloseTo(80 / 3, 4);
    expect(Array.from(ds.x.subarray(2 * 4 + 2, 2 * 4 + 4))).toEqual([1, 0]);
  });

  it('explains bad files and bad specs, naming the field', () => {
    expect(() => load({ path: 'nowhere.csv', target: 'y', task: 'regression' })).toThrow(
      /dataset\.path: no file at nowhere\.csv in the data root/,
    );
    const flowers = file('flowers2.csv', FLOWERS);
    expect(() => load({ path: flowers, target: 'species', task: 'classification' })).toThrow(
      /dataset\.target: column 'species' not found; columns: height, colour, name, full, label/,
    );
    expect(() => load({ path: flowers, target: 'colour', task: 'regression' })).toThrow(
      /dataset\.target: column 'colour' must be numeric for regression; row 1 holds a non-numeric value$/,
    );
    expect(() => load({ path: flowers, target: 'label', task: 'ranking' as 'regression' })).toThrow(
      /dataset\.task/,
    );
    expect(() => load({ path: file('notes.txt', 'x'), target: 'y', task: 'regression' })).toThrow(
      /must end in \.csv or \.json/,
    );
    expect(() =>
      load({ path: file('ragged.csv', 'a,b\n1,2\n3\n'), target: 'b', task: 'regression' }),
    ).toThrow(/line 3 has 1 fields, the header has 2/);
    expect(() =>
      load({ path: file('open.csv', 'a,b\n1,"2\n'), target: 'b', task: 'regression' }),
    ).toThrow(/unterminated quoted field/);
    expect(() =>
      load({ path: flowers, target: 'label', task: 'classification', exclude: ['nope'] }),
    ).toThrow(/dataset\.exclude: column 'nope' not found/);
  });

  it('refuses to one-hot an identifier-like column', () => {
    const rows = Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => `id-${i},${i / 10},${i % 2}`);
    const path = file('ids.csv', ['id,x,y', ...rows].join('\n'));
    expect(() => load({ path, target: 'y', task: 'classification' })).toThrow(
      /dataset\.exclude: column 'id' has 101 distinct non-numeric values.*add it to dataset\.exclude/,
    );
    expect(
      load({ path, target: 'y', task: 'classification', exclude: ['id'] }).featureNames,
    ).toEqual(['x']);
    expect(() => load({ path, target: 'y', task: 'classification', exclude: ['id', 'x'] })).toThrow(
      /dataset\.exclude: no feature columns are left/,
    );
  });
});

describe('JSON files', () => {
  it('reads an array of row objects like a CSV', () => {
    const rows = [
      { size: 1, kind: 'a', ok: true, target: 2.5 },
      { size: 2, kind: 'b', ok: false, target: 3.5 },
      { size: 3, kind: 'a', ok: true, target: 4.5 },
    ];
    const ds = load({
      path: file('rows.json', JSON.stringify(rows)),
      target: 'target',
      task: 'regression',
    });
    expect(ds.featureNames).toEqual(['size', 'kind=a', 'kind=b', 'ok=false', 'ok=true']);
    expect(Array.from(ds.y)).toEqual([2.5, 3.5, 4.5]);
  });

  it('treats null and absent keys as missing', () => {
    const rows = [{ a: 1, y: 'p' }, { a: null, y: 'q' }, { y: 'p' }, { a: 4, y: 'q' }];
    const path = file('nulls.json', JSON.stringify(rows));
    expect(() => load({ path, target: 'y', task: 'classification' })).toThrow(
      /rows 2, 3; columns 'a' \(2\)/,
    );
    expect(load({ path, target: 'y', task: 'classification', missing: 'drop' }).n).toBe(2);
  });

  it('explains what is wrong with the file', () => {
    expect(() =>
      load({ path: file('bad.json', '{"a": 1'), target: 'a', task: 'regression' }),
    ).toThrow(/is not valid JSON/);
    // V8 quotes the text around a syntax error; the file's contents never reach the message.
    const secret = '[{"a": 1},\n {"a": hunter2}]';
    const error = (() => {
      try {
        load({ path: file('secret.json', secret), target: 'a', task: 'regression' });
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error?.message).toMatch(/^dataset\.path: is not valid JSON/);
    expect(error?.message).not.toMatch(/hunter2|"a"/);
    expect(() =>
      load({ path: file('object.json', '{"a": [1]}'), target: 'a', task: 'regression' }),
    ).toThrow(/must hold an array of row objects/);
    expect(() =>
      load({ path: file('nested.json', '[{"a": {"b": 1}}]'), target: 'a', task: 'regression' }),
    ).toThrow(/row 1, column 'a' holds a nested value/);
  });
});

describe('the data root', () => {
  const files = { root: dir, maxBytes: 64 };
  const spec = (path: string): FileDatasetSpec => ({ path, target: 'y', task: 'regression' });
  const refusal = (path: string, limits = files): string => {
    try {
      loadDataset(spec(path), { files: limits });
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).field).toBe('dataset.path');
      return (err as Error).message;
    }
    throw new Error(`${path} was read`);
  };

  it('refuses absolute paths and .. segments from the text alone', () => {
    expect(dataPathProblem('/etc/passwd.csv')).toMatch(/relative to the data root/);
    expect(dataPathProblem('C:\\data\\x.csv')).toMatch(/relative to the data root/);
    expect(dataPathProblem('../secret.csv')).toMatch(/must not contain '\.\.'/);
    expect(dataPathProblem('a/../../secret.csv')).toMatch(/must not contain '\.\.'/);
    expect(dataPathProblem('a\\..\\b.csv')).toMatch(/must not contain '\.\.'/);
    expect(dataPathProblem('sets/..hidden.csv')).toBeNull();
    expect(dataPathProblem('sets/iris.csv')).toBeNull();
    writeFileSync(join(outer, 'outside.csv'), 'x,y\n1,2\n');
    expect(refusal('../outside.csv')).toMatch(/must not contain '\.\.'/);
    expect(refusal(join(outer, 'outside.csv'))).toMatch(/not absolute/);
  });

  it('refuses a symbolic link that leads outside the root, and follows one that stays inside', () => {
    writeFileSync(join(outer, 'private.csv'), 'x,y\n1,2\n');
    symlinkSync(join(outer, 'private.csv'), join(dir, 'link.csv'));
    symlinkSync(outer, join(dir, 'up'));
    expect(refusal('link.csv')).toMatch(/leads outside the data root/);
    expect(refusal('up/private.csv')).toMatch(/leads outside the data root/);
    mkdirSync(join(dir, 'sets'));
    writeFileSync(join(dir, 'sets', 'small.csv'), 'x,y\n1,2\n2,3\n');
    symlinkSync(join(dir, 'sets', 'small.csv'), join(dir, 'alias.csv'));
    expect(loadDataset(spec('alias.csv'), { files }).n).toBe(2);
  });

  it('refuses a file over the size cap, a missing root, and reading without a root', () => {
    file('big.csv', `x,y\n${'1,2\n'.repeat(40)}`);
    expect(refusal('big.csv')).toMatch(/big\.csv is 164 bytes, over the limit of 64/);
    expect(refusal('big.csv', { root: join(outer, 'nope'), maxBytes: 64 })).toMatch(
      /the data root .*nope does not exist/,
    );
    expect(() => loadDataset(spec('big.csv'))).toThrow(/given no data root/);
  });

  it("is a trial config's ConfigError under dataset, before any training", () => {
    const config = validateConfig({
      dataset: { path: 'missing.csv', target: 'y', task: 'classification' },
    });
    expect(() => loadTrialDataset(config, files)).toThrow(
      expect.objectContaining({ name: 'ConfigError', field: 'dataset.path' }),
    );
  });

  it('takes the root and the cap from the environment, by default data/ under the code directory', () => {
    expect(dataFilesFromEnv({}, '/srv/app')).toEqual({
      root: '/srv/app/data',
      maxBytes: DATA_FILE_MAX_BYTES,
    });
    expect(dataFilesFromEnv({ SWEEPWISE_CODE_DIR: '/code' }, '/srv').root).toBe('/code/data');
    expect(
      dataFilesFromEnv(
        { SWEEPWISE_DATA_DIR: 'sets', SWEEPWISE_MAX_DATA_FILE_BYTES: '1000' },
        '/srv',
      ),
    ).toEqual({ root: '/srv/sets', maxBytes: 1000 });
    expect(() => dataFilesFromEnv({ SWEEPWISE_MAX_DATA_FILE_BYTES: '1GB' }, '/srv')).toThrow(
      /SWEEPWISE_MAX_DATA_FILE_BYTES: must be a positive integer, got "1GB"/,
    );
  });
});
