/**
 * Append-only typed arrays that double when full: the decoder does not know counts up front.
 * One class per element type on purpose: a shared generic class would see several typed-array
 * kinds at the same property accesses, and V8 then makes those accesses megamorphic (3x slower).
 */

export class GrowableF64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024, private readonly fillValue = 0) {
    this.data = new Float64Array(Math.max(16, capacity));
    if (fillValue !== 0) this.data.fill(fillValue);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Sets index i, growing (and extending length) as needed. */
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }
  get(i: number): number {
    return i < this.length ? this.data[i]! : this.fillValue;
  }
  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Float64Array(cap);
    if (this.fillValue !== 0) next.fill(this.fillValue, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  /** The filled part as a right-sized copy, so the spare capacity can be collected. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableU32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024, private readonly fillValue = 0) {
    this.data = new Uint32Array(Math.max(16, capacity));
    if (fillValue !== 0) this.data.fill(fillValue);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Sets index i, growing (and extending length) as needed. */
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }
  get(i: number): number {
    return i < this.length ? this.data[i]! : this.fillValue;
  }
  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Uint32Array(cap);
    if (this.fillValue !== 0) next.fill(this.fillValue, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  /** The filled part as a right-sized copy, so the spare capacity can be collected. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableI32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024, private readonly fillValue = 0) {
    this.data = new Int32Array(Math.max(16, capacity));
    if (fillValue !== 0) this.data.fill(fillValue);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Sets index i, growing (and extending length) as needed. */
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }
  get(i: number): number {
    return i < this.length ? this.data[i]! : this.fillValue;
  }
  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    if (this.fillValue !== 0) next.fill(this.fillValue, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  /** The filled part as a right-sized copy, so the spare capacity can be collected. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableU8 {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024, private readonly fillValue = 0) {
    this.data = new Uint8Array(Math.max(16, capacity));
    if (fillValue !== 0) this.data.fill(fillValue);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Sets index i, growing (and extending length) as needed. */
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }
  get(i: number): number {
    return i < this.length ? this.data[i]! : this.fillValue;
  }
  private grow(min: number): void {
    let cap = this.data.length * 2;
    while (cap < min) cap *= 2;
    const next = new Uint8Array(cap);
    if (this.fillValue !== 0) next.fill(this.fillValue, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  /** The filled part as a right-sized copy, so the spare capacity can be collected. */
  toArray(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}
/** Exact 64-bit values (addresses) by index. */
export class GrowableU64 {
  data: BigUint64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new BigUint64Array(Math.max(16, capacity));
  }
  set(i: number, v: bigint): void {
    if (i >= this.data.length) {
      let cap = this.data.length * 2;
      while (cap <= i) cap *= 2;
      const next = new BigUint64Array(cap);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
    if (i >= this.length) this.length = i + 1;
  }
}

/**
 * Gives each protobuf id a dense index on first sight, whether it is first seen as a
 * reference (a sample's location id) or as a definition. Small ids use a table, big or
 * sparse ones a Map.
 */
export class DenseIds {
  private table = new GrowableI32(1024, -1);
  private map: Map<number, number> | undefined;
  /** The id behind each index, for error messages. */
  readonly ids = new GrowableF64(1024);
  count = 0;
  private static readonly TABLE_LIMIT = 1 << 24;

  indexOf(id: number): number {
    if (id < DenseIds.TABLE_LIMIT) {
      let i = this.table.get(id);
      if (i < 0) {
        i = this.count++;
        this.table.set(id, i);
        this.ids.push(id);
      }
      return i;
    }
    this.map ??= new Map();
    let i = this.map.get(id);
    if (i === undefined) {
      i = this.count++;
      this.map.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}
