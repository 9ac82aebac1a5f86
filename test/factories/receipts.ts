/**
 * Receipt files as a phone sends them: a real JPEG (drawn by Chromium) with an Exif block carrying a
 * GPS position, and a real PNG with an eXIf and a tEXt chunk. Built byte by byte here (no image
 * library) so the tests can prove what the server keeps.
 */

/** 40×24 JPEG from Chromium's encoder (JFIF + ICC profile, no Exif). */
export const PLAIN_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAYACgDASIAAhEBAxEB/8QAGQABAAIDAAAAAAAAAAAAAAAAAAQGAgUH/8QAJBAAAQQBAAsAAAAAAAAAAAAAAAECBBEDBQYSFjVBVIKjstH/xAAXAQEBAQEAAAAAAAAAAAAAAAAAAQQF/8QAGREAAwEBAQAAAAAAAAAAAAAAAAECBAMx/9oADAMBAAIRAxEAPwDONHzS5DcEdm3kfdNtEukvmT93dLdJ5GfRq1x6N3eql8IcnLljrDqm/Sh7u6W6TyM+kCTHzRJDsEhmxkZVttFq0vkdLKHrLx6T2+qAasscoVS36asAEMAAAAAAAAAB/9k=',
  'base64',
);

/** 8×8 PNG from Chromium's encoder. */
export const PLAIN_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAI0lEQVR4AdzKMQ0AAAwCwQYpNVlPNQkOYOeT3w57Tzcm1AEEAAD//3vfDqoAAAAGSURBVAMAdp8SITrkC24AAAAASUVORK5CYII=',
  'base64',
);

/** Latitude/longitude of a fictional spot in 甲府市 as Exif rationals. */
const GPS = { lat: [35, 39, 4000], lon: [138, 34, 5000] } as const;

/** An APP1 Exif segment (big-endian TIFF): IFD0 with Make and a GPS IFD pointer; GPS IFD with N/E and position. */
export function exifGpsSegment(): Buffer {
  const tiff: number[] = [];
  const u16 = (v: number) => tiff.push((v >> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => tiff.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  // Layout: header 8 | IFD0 (2 + 2*12 + 4 = 30) at 8 | GPS IFD (2 + 4*12 + 4 = 54) at 38 | data at 92.
  const make = 'TsunagariCam\0';
  const ifd0 = 8;
  const gpsIfd = ifd0 + 30;
  const data = gpsIfd + 54;
  const makeAt = data;
  const latAt = makeAt + make.length + (make.length % 2);
  const lonAt = latAt + 24;
  tiff.push(0x4d, 0x4d); // MM
  u16(42);
  u32(ifd0);
  u16(2);
  u16(0x010f); // Make
  u16(2);
  u32(make.length);
  u32(makeAt);
  u16(0x8825); // GPSInfo
  u16(4);
  u32(1);
  u32(gpsIfd);
  u32(0);
  u16(4);
  u16(1); // GPSLatitudeRef
  u16(2);
  u32(2);
  tiff.push(0x4e, 0, 0, 0); // 'N'
  u16(2); // GPSLatitude
  u16(5);
  u32(3);
  u32(latAt);
  u16(3); // GPSLongitudeRef
  u16(2);
  u32(2);
  tiff.push(0x45, 0, 0, 0); // 'E'
  u16(4); // GPSLongitude
  u16(5);
  u32(3);
  u32(lonAt);
  u32(0);
  for (const ch of make) tiff.push(ch.charCodeAt(0));
  if (make.length % 2) tiff.push(0);
  for (const v of GPS.lat) {
    u32(v);
    u32(v === 4000 ? 100 : 1);
  }
  for (const v of GPS.lon) {
    u32(v);
    u32(v === 5000 ? 100 : 1);
  }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const header = Buffer.from([0xff, 0xe1, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff]);
  return Buffer.concat([header, body]);
}

/** An APP1 XMP segment with a position, as some phones write beside Exif. */
function xmpSegment(): Buffer {
  const body = Buffer.from(
    'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="35,39.67N"/></x:xmpmeta>',
    'latin1',
  );
  return Buffer.concat([
    Buffer.from([0xff, 0xe1, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff]),
    body,
  ]);
}

/** The Chromium JPEG with Exif (GPS) and XMP inserted right after SOI, as cameras write them. */
export function jpegWithGps(): Buffer {
  return Buffer.concat([PLAIN_JPEG.subarray(0, 2), exifGpsSegment(), xmpSegment(), PLAIN_JPEG.subarray(2)]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** The Chromium PNG with an eXIf chunk (the same GPS Exif) and a tEXt comment after IHDR. */
export function pngWithExif(): Buffer {
  const ihdrEnd = 8 + 12 + PLAIN_PNG.readUInt32BE(8);
  const exif = exifGpsSegment().subarray(10); // the TIFF block without APP1 header and "Exif\0\0"
  return Buffer.concat([
    PLAIN_PNG.subarray(0, ihdrEnd),
    pngChunk('eXIf', exif),
    pngChunk('tEXt', Buffer.from('Comment\0taken at home', 'latin1')),
    PLAIN_PNG.subarray(ihdrEnd),
  ]);
}

/** True when the bytes still hold an Exif block, a GPS IFD tag or XMP/text metadata. */
export function hasLocationMetadata(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes);
  return (
    b.includes(Buffer.from('Exif\0\0', 'latin1')) ||
    b.includes(Buffer.from([0x88, 0x25, 0x00, 0x04])) ||
    b.includes(Buffer.from('TsunagariCam', 'latin1')) ||
    b.includes(Buffer.from('GPSLatitude', 'latin1')) ||
    b.includes(Buffer.from('eXIf', 'latin1')) ||
    b.includes(Buffer.from('taken at home', 'latin1'))
  );
}
