// Bounds-checked little-endian reads over untrusted file bytes. Every read
// past the end raises MalformedInputError, which the object and archive
// readers turn into a Diagnostic, so malformed input never escapes as a
// RangeError.

/** A structural problem in an input file; the message names the field and the offset. */
export class MalformedInputError extends Error {}

export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.bytes.length;
  }

  /** Checks that `length` bytes at `offset` lie inside the file; `what` names them in the error. */
  checkRange(offset: number, length: number, what: string): void {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw new MalformedInputError(
        `truncated file: ${what} at offset ${hex(offset)} (${length} bytes) extends past the end of the file (${this.bytes.length} bytes)`,
      );
    }
  }

  u8(offset: number): number {
    this.checkRange(offset, 1, "byte");
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    this.checkRange(offset, 2, "16-bit field");
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.checkRange(offset, 4, "32-bit field");
    return this.view.getUint32(offset, true);
  }

  /** Reads a big-endian 32-bit field, as the `ar` symbol index stores its counts and offsets. */
  u32be(offset: number): number {
    this.checkRange(offset, 4, "32-bit field");
    return this.view.getUint32(offset, false);
  }

  slice(offset: number, length: number, what: string): Uint8Array {
    this.checkRange(offset, length, what);
    return this.bytes.subarray(offset, offset + length);
  }

  /** Reads a NUL-terminated string starting at `offset` and ending before `limit`. */
  cString(offset: number, limit: number, what: string): string {
    if (offset < 0 || offset >= limit || limit > this.bytes.length) {
      throw new MalformedInputError(`${what} at offset ${hex(offset)} lies outside its table`);
    }
    let end = offset;
    while (end < limit && this.bytes[end] !== 0) end++;
    if (end === limit) throw new MalformedInputError(`${what} at offset ${hex(offset)} is not NUL-terminated`);
    return latin1(this.bytes.subarray(offset, end));
  }
}

/** Decodes bytes one character per byte, so any byte sequence round-trips into a symbol name. */
export function latin1(bytes: Uint8Array): string {
  // Names are short: a plain loop beats spreading a subarray into fromCharCode.
  if (bytes.length <= 64) {
    let text = "";
    for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
    return text;
  }
  let text = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  }
  return text;
}

export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}
