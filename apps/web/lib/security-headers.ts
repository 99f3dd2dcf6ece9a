/**
 * Headers on every response. The CSP allows inline scripts and styles because Next's streamed
 * pages and the charts' style attributes use them; what it forbids is what matters here: being
 * framed (clickjacking), plugins, and loading or sending anything to another origin.
 */
export const SECURITY_HEADERS = [
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      // wasm-unsafe-eval compiles WebAssembly only (not JS eval): the playground runs the
      // engine's optimizers, whose module builds its SIMD kernels on load.
      "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Not no-referrer: under it a browser sends `Origin: null` on same-origin POSTs, which the
  // origin check refuses. same-origin still keeps URLs (a login link) from other sites.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];
