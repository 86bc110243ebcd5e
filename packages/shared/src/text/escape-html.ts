/**
 * Text safe inside HTML or XML element content and double- or single-quoted attributes: the
 * e-mails' HTML, the card's SVG and the API's docs page all build markup from data.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
