// The tuner's population-based training module. @sweepwise/tuner's package entry does not export
// it yet (its index belongs to the tuner core: the line `export * from './pbt/index.js';` is
// requested there); until then it is loaded beside the entry, from the tuner's built dist.
// Everything PBT in the worker and the CLI imports it from here, so that switch is one line.
export * from '../../../../packages/tuner/dist/pbt/index.js';
