import { escapeHtml } from '@velog-insights/shared';

/** The parts of an OpenAPI document the docs page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation | undefined> | undefined>;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: unknown }> }
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function schemaBlock(schema: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`;
}

/**
 * A browsable page rendered on the server from the OpenAPI document: no script and nothing
 * fetched from elsewhere, so it lives under the same strict CSP as the rest of the API.
 */
export function renderDocsPage(document: OpenApiDocument): string {
  const sections: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation === undefined) continue;
      const parameters = (operation.parameters ?? [])
        .map(
          (parameter) =>
            `<li><code>${escapeHtml(parameter.name)}</code> (${escapeHtml(parameter.in)}${parameter.required ? ', required' : ''}) <code>${escapeHtml(JSON.stringify(parameter.schema ?? {}))}</code></li>`,
        )
        .join('');
      const body = Object.entries(operation.requestBody?.content ?? {})
        .map(([type, media]) => `<h4>Body: ${escapeHtml(type)}</h4>${schemaBlock(media.schema)}`)
        .join('');
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => {
          const content = Object.entries(response.content ?? {})
            .map(([type, media]) => `<p>${escapeHtml(type)}</p>${schemaBlock(media.schema)}`)
            .join('');
          return `<details><summary><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? '')}</summary>${content}</details>`;
        })
        .join('');
      sections.push(`<section>
<h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${operation.security?.length ? ' <small>(session)</small>' : ''}</h3>
<p>${escapeHtml(operation.summary ?? '')}</p>
${operation.description ? `<p>${escapeHtml(operation.description)}</p>` : ''}
${parameters ? `<h4>Parameters</h4><ul>${parameters}</ul>` : ''}
${body}
<h4>Responses</h4>${responses}
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} — API</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
section{border-top:1px solid #8884;padding:.5rem 0}
.method{display:inline-block;min-width:3.5rem;font-weight:700}
pre{background:#8881;padding:.5rem;overflow:auto;font-size:.8rem}
@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}}
</style></head><body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>
${sections.join('\n')}
</body></html>`;
}
