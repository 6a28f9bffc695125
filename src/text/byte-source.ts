import fs from 'node:fs';

/**
 * Bytes read by position: from memory, or straight from a file with
 * positional reads so that a large on-disk table costs nothing to open and
 * only the pages a lookup touches are read. Offsets are absolute; the
 * 32-bit reads are little-endian.
 */
export interface ByteSource {
  /** Length in bytes. */
  readonly size: number;
  /** `length` bytes from `offset` (a view or a fresh copy: do not write to it). */
  bytes(offset: number, length: number): Uint8Array;
  /** `count` unsigned 32-bit integers from `offset` (which must be a multiple of 4). */
  u32s(offset: number, count: number): Uint32Array;
  /** The unsigned 32-bit integer at `offset`. */
  u32(offset: number): number;
}

function outOfRange(offset: number, length: number, size: number): Error {
  return new Error(`bytes ${offset}–${offset + length} lie outside the ${size} bytes there are (truncated?)`);
}

/** A {@link ByteSource} over bytes in memory (views, no copies; aligned bytes are copied once if needed). */
export function memoryBytes(data: Uint8Array): ByteSource {
  const bytes = data.byteOffset % 4 === 0 ? data : data.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  return {
    size,
    bytes(offset, length) {
      if (offset < 0 || offset + length > size) throw outOfRange(offset, length, size);
      return bytes.subarray(offset, offset + length);
    },
    u32s(offset, count) {
      if (offset < 0 || offset + 4 * count > size) throw outOfRange(offset, 4 * count, size);
      return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, count);
    },
    u32(offset) {
      if (offset < 0 || offset + 4 > size) throw outOfRange(offset, 4, size);
      return view.getUint32(offset, true);
    },
  };
}

/** A file opened for positional reads; close it when the index it serves is dropped (or let the process end). */
export interface FileBytes extends ByteSource {
  close(): void;
}

/** Closes the descriptors of file sources nobody holds any more (an index swapped out by a reload). */
const closeWhenDropped = new FinalizationRegistry<number>((fd) => fs.close(fd, () => undefined));

/**
 * A {@link ByteSource} reading `file` on demand (`fs.readSync` at a position,
 * no read-ahead of its own). The descriptor is closed by `close()`, or once
 * the source is garbage.
 */
export function fileBytes(file: string): FileBytes {
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  const word = Buffer.alloc(4);
  const read = (target: Uint8Array, offset: number) => {
    if (offset < 0 || offset + target.byteLength > size) throw outOfRange(offset, target.byteLength, size);
    let done = 0;
    while (done < target.byteLength) {
      const n = fs.readSync(fd, target, done, target.byteLength - done, offset + done);
      if (n === 0) throw outOfRange(offset, target.byteLength, size);
      done += n;
    }
    return target;
  };
  const source: FileBytes = {
    size,
    bytes: (offset, length) => read(new Uint8Array(length), offset),
    u32s: (offset, count) => new Uint32Array(read(new Uint8Array(4 * count), offset).buffer),
    u32: (offset) => (read(word, offset), word.readUInt32LE(0)),
    close: () => {
      closeWhenDropped.unregister(source);
      fs.closeSync(fd);
    },
  };
  closeWhenDropped.register(source, fd, source);
  return source;
}
