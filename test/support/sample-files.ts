import { createHash } from 'crypto';
import { ZipFile } from 'yazl';

/** Small valid files of every accepted type (and some refused ones), made here so a test can hash them itself. */

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A one-page PDF with a valid cross-reference table. */
export function pdf(text = 'test'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    `<< /Length ${`BT (${text}) Tj ET`.length} >>\nstream\nBT (${text}) Tj ET\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
export function png(): Buffer {
  return Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c10000000049454e44ae426082',
    'hex',
  );
}

/** A minimal JPEG: SOI, an APP0 JFIF segment, EOI. */
export function jpg(): Buffer {
  return Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
}

/** An OLE compound file's header sector (what .doc and .xls files start with), padded to 1 KiB. */
export function ole(): Buffer {
  const b = Buffer.alloc(1024);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b);
  return b;
}

/** A Windows executable's first bytes. */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return b;
}

export async function zip(entries: Record<string, string>): Promise<Buffer> {
  const z = new ZipFile();
  for (const [name, text] of Object.entries(entries)) z.addBuffer(Buffer.from(text, 'utf8'), name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

export const docx = () =>
  zip({
    '[Content_Types].xml': CONTENT_TYPES,
    'word/document.xml': '<w:document/>',
    '_rels/.rels': '<Relationships/>',
  });
export const xlsx = () =>
  zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>', '_rels/.rels': '<Relationships/>' });
/** OFD (GB/T 33190): OFD.xml at the root names the document. */
export const ofd = () =>
  zip({
    'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>',
    'Doc_0/Document.xml': '<ofd:Document/>',
  });
