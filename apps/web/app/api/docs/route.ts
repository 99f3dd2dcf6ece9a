import { route } from '@/lib/api/route';

// Checked per request like every route (the credential), never prerendered.
export const dynamic = 'force-dynamic';

/**
 * The API reference: Swagger UI (swagger-ui-dist, served by ./[asset]) renders the OpenAPI
 * document in the browser, from this server only (no CDN), so it works offline and under the
 * CSP. A page like the others: without a session the proxy leads to the login page.
 */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Sweepwise REST API</title>
    <link rel="icon" href="/icon.svg" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="api"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script>
      // validatorUrl null: the default sends the document to an online validator.
      SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#api', validatorUrl: null });
    </script>
  </body>
</html>
`;

export const GET = route(
  async () => new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
);
