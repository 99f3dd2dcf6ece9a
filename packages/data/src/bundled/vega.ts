import { parseCsv } from '../csv.js';
import type { DatasetSource } from '../dataset-source.js';
import type { Dataset } from '../dataset.js';
import { tableToDataset, type Cell, type Table } from '../tabular.js';
import { parseJsonTable } from '../json-table.js';

const cache = new Map<string, Dataset>();

function cached(name: string, load: () => Dataset): Dataset {
  if (!cache.has(name)) cache.set(name, load());
  return cache.get(name)!;
}

/** Adds (or replaces) a column computed from another one. */
function derive(table: Table, from: string, to: string, map: (value: Cell) => Cell): Table {
  const cells = new Map(table.cells).set(to, table.cells.get(from)!.map(map));
  const columns = table.columns.includes(to) ? table.columns : [...table.columns, to];
  return { columns, cells, rows: table.rows };
}

/**
 * Palmer penguins (Gorman, Williams and Fraser, 2014), 3 species from beak, flipper, mass, island
 * and sex. The 11 rows missing a measurement or the sex are dropped (reported in `missing`).
 */
export function loadPenguins(source: DatasetSource): Dataset {
  return cached('penguins', () => {
    const table = parseJsonTable(source.packageFile('vega-datasets', 'data/penguins.json'));
    // One row records the sex as '.', a data-entry placeholder for unknown.
    const cleaned = derive(table, 'Sex', 'Sex', (sex) => (sex === '.' ? null : sex));
    return tableToDataset(cleaned, {
      name: 'penguins',
      target: 'Species',
      task: 'classification',
      missing: 'drop',
    });
  });
}

/**
 * Auto MPG (UCI, 1983 ASA exposition), regression on miles per gallon. The model year becomes a
 * number, the car's name is left out, the 14 rows missing MPG or horsepower are dropped.
 */
export function loadCars(source: DatasetSource): Dataset {
  return cached('cars', () => {
    const table = parseJsonTable(source.packageFile('vega-datasets', 'data/cars.json'));
    const withYear = derive(table, 'Year', 'Year', (date) => Number(String(date).slice(0, 4)));
    return tableToDataset(withYear, {
      name: 'cars',
      target: 'Miles_per_Gallon',
      task: 'regression',
      missing: 'drop',
      exclude: ['Name'],
    });
  });
}

/**
 * Seattle daily weather 2012-2015, 5 classes (sun, rain, drizzle, fog, snow) from precipitation,
 * temperatures, wind and the month. Ordered by date: forwardChaining suits it.
 */
export function loadSeattleWeather(source: DatasetSource): Dataset {
  return cached('seattle-weather', () => {
    const table = parseCsv(source.packageFile('vega-datasets', 'data/seattle-weather.csv'));
    const withMonth = derive(table, 'date', 'month', (date) => Number(String(date).slice(5, 7)));
    return tableToDataset(withMonth, {
      name: 'seattle-weather',
      target: 'weather',
      task: 'classification',
      exclude: ['date'],
    });
  });
}
