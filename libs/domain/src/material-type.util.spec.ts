import { containerOf, materialType } from './material-type.util';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('material types', () => {
  it('knows the containers by their first bytes', () => {
    expect(containerOf(bytes('%PDF-1.4\n'))).toBe('pdf');
    expect(containerOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(containerOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(containerOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(containerOf(bytes('PK\x03\x04rest'))).toBe('zip');
    expect(containerOf(bytes('MZ\x90\x00'))).toBe('exe');
    expect(containerOf(bytes('\x7fELF'))).toBe('elf');
    expect(containerOf(bytes('%PD'))).toBe('unknown'); // too short to be a PDF
    expect(containerOf(bytes('hello'))).toBe('unknown');
  });

  it('accepts PDF, images, OFD and the Office formats, by content', () => {
    expect(materialType('pdf', 'x.exe')).toEqual({ ok: true, kind: 'pdf', mediaType: 'application/pdf' });
    expect(materialType('png', 'a')).toMatchObject({ ok: true, kind: 'png', mediaType: 'image/png' });
    expect(materialType('jpg', 'a.png')).toMatchObject({ ok: true, kind: 'jpg' });
    expect(materialType('zip', 'a.zip', ['OFD.xml', 'Doc_0/Document.xml'])).toMatchObject({ ok: true, kind: 'ofd' });
    expect(materialType('zip', 'a', ['[Content_Types].xml', 'word/document.xml'])).toMatchObject({ kind: 'docx' });
    expect(materialType('zip', 'a', ['[Content_Types].xml', 'xl/workbook.xml'])).toMatchObject({ kind: 'xlsx' });
    expect(materialType('ole', '制度.DOC')).toMatchObject({ ok: true, kind: 'doc' });
    expect(materialType('ole', 'b.xls')).toMatchObject({ ok: true, kind: 'xls' });
  });

  it('refuses everything else, naming what it found', () => {
    expect(materialType('exe', 'report.pdf')).toEqual({ ok: false, detected: 'exe' });
    expect(materialType('zip', 'a.docx', ['word/document.xml'])).toEqual({ ok: false, detected: 'zip' });
    expect(materialType('zip', 'a.ofd', ['sub/OFD.xml'])).toEqual({ ok: false, detected: 'zip' }); // not at the root
    expect(materialType('ole', 'a.msi')).toEqual({ ok: false, detected: 'ole' });
    expect(materialType('unknown', 'a.txt')).toEqual({ ok: false, detected: 'unknown' });
  });
});
