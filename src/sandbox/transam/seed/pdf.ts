import { onePagePdf } from '../../common/pdf'

/**
 * A small one-page PDF with a title and some lines of text, valid enough for any viewer. Only
 * printable ASCII goes in (anything else becomes `?`), with PDF string escaping.
 */
export function textPdf(title: string, lines: readonly string[]): Buffer {
  const text = (value: string) =>
    value
      .replace(/[–—]/g, '-')
      .replace(/[^\x20-\x7e]/g, '?')
      .replace(/[\\()]/g, (char) => `\\${char}`)
  const body = [
    'BT',
    '/F1 18 Tf',
    '72 720 Td',
    `(${text(title)}) Tj`,
    '/F1 11 Tf',
    ...lines.flatMap((line) => ['0 -22 Td', `(${text(line)}) Tj`]),
    'ET',
  ].join('\n')
  return onePagePdf(body, `<< /Title (${text(title)}) /Producer (Fieldstation TransAM sandbox) >>`)
}
