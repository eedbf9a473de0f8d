import { deflateSync } from 'node:zlib';

/** Hand-made image files for the guard tests: nothing here allocates what the header claims. */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of buf) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG with the given IHDR and IDAT payload (greyscale, `bitDepth` bits). */
export function craftPng(width: number, height: number, idat: Buffer, bitDepth = 8): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** Header says 20,000 × 20,000 (400 MP, 1.2 GB as RGB); the file is a few dozen bytes. */
export const hugeHeaderPng = (): Buffer => craftPng(20_000, 20_000, deflateSync(Buffer.alloc(16)));

/**
 * A real decompression bomb: a valid 1-bit PNG of `side` × `side` zeros. At 9,000 px the file
 * is ~10 KB and decodes to 81 megapixels (243 MB as RGB).
 */
export function bombPng(side = 9_000): Buffer {
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte + packed bits
  const raw = Buffer.alloc(row.length * side);
  return craftPng(side, side, deflateSync(raw, { level: 9 }), 1);
}
