// A ZIP archive of files stored as they are (method 0, no compression): the placement file is
// mostly PDFs, which are compressed already, and a stored archive is one any unzip tool or
// operating system opens. Names are UTF-8 (flag bit 11); every entry carries the given date, so
// the same files always give the same bytes. No ZIP64: the archive must stay under 4 GiB and
// 65,535 entries, far above any placement.
import { crc32 } from 'node:zlib';
import type { IsoDate } from '../../domain/calendar.ts';

export interface ZipEntry {
  /** The path inside the archive, with forward slashes. */
  name: string;
  bytes: Uint8Array;
}

const utf8Flag = 0x0800;
const maxSize = 0xffffffff;

/** The archive's bytes. */
export function storeZip(entries: readonly ZipEntry[], date: IsoDate): Uint8Array {
  if (entries.length > 0xffff) throw new Error(`a stored ZIP holds at most 65,535 files; got ${entries.length}`);
  const { time, day } = dosDateTime(date);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.bytes.length;
    if (size > maxSize || offset > maxSize) throw new Error('the archive would exceed 4 GiB, which a ZIP without ZIP64 cannot hold');
    const crc = crc32(entry.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(utf8Flag, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(size, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + size;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Noon of the day in MS-DOS form (local time has no zone in a ZIP; noon reads as the same day anywhere). */
function dosDateTime(date: IsoDate): { time: number; day: number } {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  return { time: 12 << 11, day: ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | dayOfMonth };
}
