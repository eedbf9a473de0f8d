import { describe, expect, it } from 'vitest';
import { ProtoError, ProtoReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './proto-reader';

/** Encodes an unsigned value (bigint for 64-bit) as a protobuf varint. */
function varint(v: bigint): number[] {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}

describe('ProtoReader', () => {
  it.each([0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 32n + 5n, 2n ** 53n - 1n])('reads unsigned varint %s', (v) => {
    const r = new ProtoReader(Uint8Array.from(varint(v)));
    expect(r.uint()).toBe(Number(v));
    expect(r.done).toBe(true);
  });

  it.each([-1n, -2n, -300n, -(2n ** 40n), -(2n ** 53n) + 1n])('reads negative int64 %s (10-byte two complement)', (v) => {
    const bytes = Uint8Array.from(varint(v));
    expect(bytes.length).toBe(10);
    expect(new ProtoReader(bytes).int64()).toBe(Number(v));
  });

  it('reads exact 64-bit addresses as bigint', () => {
    expect(new ProtoReader(Uint8Array.from(varint(0xffffffffffffffffn))).uint64()).toBe(0xffffffffffffffffn);
    expect(new ProtoReader(Uint8Array.from(varint(0xffffffff81234567n))).uint64()).toBe(0xffffffff81234567n);
  });

  it('reads near the end of the buffer through the checked path', () => {
    const bytes = Uint8Array.from([...varint(2n ** 35n), ...varint(7n)]);
    const r = new ProtoReader(bytes);
    expect(r.uint()).toBe(2 ** 35);
    expect(r.uint()).toBe(7);
  });

  it('throws on truncated varints, lengths past the end and 11-byte varints', () => {
    expect(() => new ProtoReader(Uint8Array.from([0x80, 0x80])).uint()).toThrow(ProtoError);
    expect(() => new ProtoReader(Uint8Array.from([0x05, 1, 2])).lenEnd()).toThrow(/runs past the end/);
    expect(() => new ProtoReader(Uint8Array.from(new Array(11).fill(0x80).concat([1]))).uint()).toThrow(/longer than 10 bytes/);
    expect(() => new ProtoReader(Uint8Array.from(new Array(16).fill(0xff))).uint()).toThrow(/longer than 10 bytes/);
  });

  it('skips every wire type and refuses unknown ones', () => {
    const r = new ProtoReader(Uint8Array.from([...varint(300n), 1, 2, 3, 4, 5, 6, 7, 8, 2, 9, 9, 1, 2, 3, 4]));
    r.skip(WIRE_VARINT);
    r.skip(WIRE_I64);
    r.skip(WIRE_LEN);
    r.skip(WIRE_I32);
    expect(r.done).toBe(true);
    expect(() => new ProtoReader(Uint8Array.from([1])).skip(3)).toThrow(/wire type 3/);
    expect(() => new ProtoReader(Uint8Array.from([1, 2])).skip(WIRE_I32)).toThrow(/truncated/);
  });
});
