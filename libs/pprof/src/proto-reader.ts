/**
 * A minimal protobuf wire-format reader: just what profile.proto needs (varints, signed int64,
 * length-delimited fields, skipping). It reads in place with no per-field allocation, which is
 * what makes decoding a 50 MB profile cheap. Every read is bounds-checked: truncated input
 * throws a TruncatedError instead of yielding garbage.
 */

export class ProtoError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const TWO_32 = 4294967296;

export class ProtoReader {
  pos: number;
  /** Low and high 32 bits of the last varint, kept as fields to avoid allocating a pair. */
  private lo = 0;
  private hi = 0;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    public end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private readVarint(): void {
    const b = this.buf;
    let p = this.pos;
    if (p + 10 > this.end) {
      this.readVarintChecked();
      return;
    }
    let byte = b[p++]!;
    let lo = byte & 0x7f;
    let hi = 0;
    if (byte >= 0x80) {
      byte = b[p++]!;
      lo |= (byte & 0x7f) << 7;
      if (byte >= 0x80) {
        byte = b[p++]!;
        lo |= (byte & 0x7f) << 14;
        if (byte >= 0x80) {
          byte = b[p++]!;
          lo |= (byte & 0x7f) << 21;
          if (byte >= 0x80) {
            byte = b[p++]!;
            lo |= (byte & 0x0f) << 28;
            hi = (byte & 0x7f) >> 4;
            if (byte >= 0x80) {
              let shift = 3;
              do {
                if (shift > 31) throw new ProtoError('varint longer than 10 bytes');
                byte = b[p++]!;
                hi |= (byte & 0x7f) << shift;
                shift += 7;
              } while (byte >= 0x80);
            }
          }
        }
      }
    }
    this.pos = p;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  private readVarintChecked(): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint');
      const byte = this.buf[this.pos++]!;
      if (shift < 28) lo |= (byte & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (byte & 0x0f) << 28;
        hi = (byte & 0x7f) >> 4;
      } else if (shift <= 63) hi |= (byte & 0x7f) << (shift - 32);
      else throw new ProtoError('varint longer than 10 bytes');
      if (byte < 0x80) break;
      shift += 7;
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** An unsigned varint as a number (exact below 2^53, which covers every id and count in practice). */
  uint(): number {
    // Most varints in a profile are one byte (field keys, small ids): no state, no arithmetic.
    const p = this.pos;
    if (p < this.end) {
      const b = this.buf[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
    }
    this.readVarint();
    // hi === 0 keeps small results as small integers instead of boxed doubles.
    return this.hi === 0 ? this.lo : this.hi * TWO_32 + this.lo;
  }

  /** A signed int64 varint (two's complement, so negatives take 10 bytes). */
  int64(): number {
    this.readVarint();
    if (this.hi & 0x80000000) {
      const lo = (~this.lo + 1) >>> 0;
      const hi = (~this.hi + (lo === 0 ? 1 : 0)) >>> 0;
      return -(hi * TWO_32 + lo);
    }
    return this.hi === 0 ? this.lo : this.hi * TWO_32 + this.lo;
  }

  /** An unsigned varint as an exact 64-bit bigint (addresses may exceed 2^53). */
  uint64(): bigint {
    this.readVarint();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  bool(): boolean {
    this.readVarint();
    return this.lo !== 0 || this.hi !== 0;
  }

  /** Reads a field key; returns field number * 8 + wire type, like the wire does. */
  key(): number {
    return this.uint();
  }

  /** Reads a length prefix and returns the end offset of the payload that follows. */
  lenEnd(): number {
    const n = this.uint();
    const end = this.pos + n;
    if (end > this.end) throw new ProtoError(`length ${n} runs past the end of the message`);
    return end;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.readVarint();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.pos = this.lenEnd();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        throw new ProtoError(`unsupported wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError('truncated fixed-width field');
    this.pos += n;
  }
}
