import { describe, expect, it } from 'vitest';
import {
  BUNDLED_DATASETS,
  DataError,
  GENERATED_MAX,
  listDatasets,
  type BundledDatasetSpec,
} from '../src/index.js';
import { loadDataset } from './bundled.js';

function classSizes(y: Float32Array, classes: number): number[] {
  const sizes = new Array<number>(classes).fill(0);
  for (const label of y) sizes[label]++;
  return sizes;
}

describe('bundled data sets', () => {
  it('MNIST: 10,000 real digits of 784 pixels in [0, 1], 10 classes of about 1,000', () => {
    const mnist = loadDataset({ name: 'mnist' });
    expect([mnist.n, mnist.features, mnist.classes, mnist.task]).toEqual([
      10_000,
      784,
      10,
      'classification',
    ]);
    expect(mnist.x.length).toBe(10_000 * 784);
    expect(Math.min(...mnist.x.subarray(0, 784 * 50))).toBe(0);
    expect(Math.max(...mnist.x.subarray(0, 784 * 50))).toBeLessThanOrEqual(1);
    // Real digits: some ink in every image, corners blank.
    for (let i = 0; i < mnist.n; i += 997) {
      const image = mnist.x.subarray(i * 784, (i + 1) * 784);
      expect(image.reduce((sum, v) => sum + v, 0)).toBeGreaterThan(10);
      expect(image[0]).toBe(0);
    }
    for (const size of classSizes(mnist.y, 10)) expect(size).toBeGreaterThan(800);
    expect(loadDataset({ name: 'mnist' })).toBe(mnist);
    // one grey channel of 28x28: what convolutions read; a subset keeps it
    expect(mnist.shape).toEqual({ channels: 1, height: 28, width: 28 });
    expect(loadDataset({ name: 'mnist', n: 100 }).shape).toEqual(mnist.shape);
  });

  it('Iris: 150 x 4, 3 classes of 50', () => {
    const iris = loadDataset({ name: 'iris' });
    expect([iris.n, iris.features, iris.classes]).toEqual([150, 4, 3]);
    expect(classSizes(iris.y, 3)).toEqual([50, 50, 50]);
    expect(Array.from(iris.x.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });

  it('penguins: 3 species, island and sex one-hot, incomplete rows dropped and reported', () => {
    const penguins = loadDataset({ name: 'penguins' });
    expect(penguins.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(penguins.n).toBe(333);
    expect(penguins.featureNames).toContain('Island=Dream');
    expect(penguins.featureNames).toContain('Sex=FEMALE');
    expect(penguins.missing?.policy).toBe('drop');
    expect(penguins.missing?.droppedRows.length).toBe(11);
  });

  it('cars: regression on miles per gallon, year as a number, origin one-hot', () => {
    const cars = loadDataset({ name: 'cars' });
    expect([cars.task, cars.classes, cars.target, cars.n]).toEqual([
      'regression',
      0,
      'Miles_per_Gallon',
      392,
    ]);
    expect(cars.y[0]).toBe(18);
    const year = cars.featureNames.indexOf('Year');
    expect(cars.x[year]).toBe(1970);
    expect(cars.featureNames).not.toContain('Name');
    expect(cars.featureNames.filter((name) => name.startsWith('Origin='))).toHaveLength(3);
  });

  it('seattle-weather: 1,461 days, 5 kinds of weather, month as a feature', () => {
    const weather = loadDataset({ name: 'seattle-weather' });
    expect([weather.n, weather.classes]).toEqual([1461, 5]);
    expect(weather.featureNames).toEqual([
      'precipitation',
      'temp_max',
      'temp_min',
      'wind',
      'month',
    ]);
  });

  it('each loads with the shape listDatasets announces', () => {
    for (const info of listDatasets()) {
      const ds = loadDataset({ name: info.name });
      expect([ds.name, ds.task, ds.n, ds.features, ds.classes]).toEqual([
        info.name,
        info.task,
        info.n,
        info.features,
        info.classes,
      ]);
      expect(ds.shape).toEqual(info.shape);
      if (ds.shape) {
        expect(ds.shape.channels * ds.shape.height * ds.shape.width).toBe(ds.features);
      }
      expect(ds.x.length).toBe(ds.n * ds.features);
      expect(ds.y.length).toBe(ds.n);
      expect(ds.featureNames).toHaveLength(ds.features);
      expect(ds.x.every(Number.isFinite)).toBe(true);
    }
    expect(listDatasets().map((info) => info.name)).toEqual([...BUNDLED_DATASETS]);
  });

  it('an unknown name is a DataError naming dataset.name and the valid names', () => {
    const load = (): unknown => loadDataset({ name: 'cifar' } as unknown as BundledDatasetSpec);
    expect(load).toThrow(DataError);
    expect(load).toThrow(
      /dataset\.name: unknown data set "cifar"; valid names: mnist, iris, penguins/,
    );
  });

  it('fixed data sets take n as a seeded, stratified subset', () => {
    const mnist = loadDataset({ name: 'mnist' });
    const slice = loadDataset({ name: 'mnist', n: 1000, seed: 3 });
    expect([slice.name, slice.n, slice.features]).toEqual(['mnist', 1000, 784]);
    const full = classSizes(mnist.y, 10);
    classSizes(slice.y, 10).forEach((size, digit) => {
      expect(Math.abs(size - full[digit] / 10)).toBeLessThan(1);
    });
    const again = loadDataset({ name: 'mnist', n: 1000, seed: 3 });
    expect(Array.from(again.x)).toEqual(Array.from(slice.x));
    const other = loadDataset({ name: 'mnist', n: 1000, seed: 4 });
    expect(Array.from(other.x)).not.toEqual(Array.from(slice.x));
    expect(loadDataset({ name: 'iris', n: 150 })).toBe(loadDataset({ name: 'iris' }));
  });

  it('fixed data sets refuse noise and an n beyond their size', () => {
    expect(() => loadDataset({ name: 'iris', noise: 0.1 })).toThrow(
      /dataset\.noise: only generated data sets/,
    );
    expect(() => loadDataset({ name: 'iris', n: 151 })).toThrow(
      /dataset\.n: must be an integer in 2\.\.150 for iris, got 151/,
    );
  });
});

describe('generators', () => {
  const names = ['spirals', 'xor', 'regression'] as const;

  it('give the same samples for the same seed and others for another seed', () => {
    for (const name of names) {
      const a = loadDataset({ name, seed: 4 });
      const b = loadDataset({ name, seed: 4 });
      const c = loadDataset({ name, seed: 5 });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.y)).toEqual(Array.from(b.y));
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    }
  });

  it('take n and noise', () => {
    const quiet = loadDataset({ name: 'regression', n: 50, noise: 0 });
    expect(quiet.n).toBe(50);
    // Friedman #1 without noise: y is exactly the formula of x.
    const [x1, x2, x3, x4, x5] = Array.from(quiet.x.subarray(0, 5));
    const expected = 10 * Math.sin(Math.PI * x1 * x2) + 20 * (x3 - 0.5) ** 2 + 10 * x4 + 5 * x5;
    expect(quiet.y[0]).toBeCloseTo(expected, 4);
  });

  it('label XOR by the signs of the inputs when there is no noise', () => {
    const xor = loadDataset({ name: 'xor', n: 200, noise: 0 });
    for (let i = 0; i < xor.n; i++) {
      expect(xor.y[i]).toBe(xor.x[2 * i] > 0 !== xor.x[2 * i + 1] > 0 ? 1 : 0);
    }
  });

  it('make two balanced spiral arms', () => {
    const spirals = loadDataset({ name: 'spirals', n: 300 });
    expect(classSizes(spirals.y, 2)).toEqual([150, 150]);
  });

  it('refuse an n or a noise over their caps before generating anything', () => {
    expect(() => loadDataset({ name: 'spirals', n: GENERATED_MAX.n + 1 })).toThrow(
      /dataset\.n: must be an integer in 2\.\.1000000, got 1000001/,
    );
    expect(() => loadDataset({ name: 'regression', noise: 101 })).toThrow(
      /dataset\.noise: must be a number in 0\.\.100, got 101/,
    );
    expect(loadDataset({ name: 'xor', n: GENERATED_MAX.n }).n).toBe(GENERATED_MAX.n);
  });

  it('reject bad n, noise and seed naming the field', () => {
    expect(() => loadDataset({ name: 'xor', n: 1 })).toThrow(
      /dataset\.n: must be an integer in 2\.\.1000000, got 1/,
    );
    expect(() => loadDataset({ name: 'xor', noise: -1 })).toThrow(
      /dataset\.noise: must be a number in 0\.\.100/,
    );
    expect(() => loadDataset({ name: 'xor', seed: 0.5 })).toThrow(
      /dataset\.seed: must be an integer/,
    );
  });
});
