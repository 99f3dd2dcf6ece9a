// swagger-ui-dist ships no types; the API reference (app/api/docs) needs only where its files are.
declare module 'swagger-ui-dist/absolute-path.js' {
  export default function getAbsoluteFSPath(): string;
}
