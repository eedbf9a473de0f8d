/**
 * The one profile model every aggregation and renderer reads. It mirrors profile.proto but
 * stores the bulky parts (stacks, values, lines) in flat typed arrays indexed densely from 0,
 * so a 50 MB profile costs a few arrays instead of millions of small objects.
 *
 * Stacks are leaf first, like pprof: stackLocs[stackStart[s]] is the innermost location of
 * sample s. A location's lines are innermost first: the first line is the deepest inlined
 * callee, the last line is the real (caller) function at that address.
 */

export interface ValueTypeInfo {
  type: string;
  unit: string;
}

export interface MappingInfo {
  id: number;
  start: number;
  limit: number;
  offset: number;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** A sample label: a string tag (str set) or a numeric tag (num set, with an optional unit). */
export interface SampleLabel {
  key: string;
  str?: string;
  num?: number;
  unit?: string;
}

export interface ProfileModel {
  sampleTypes: ValueTypeInfo[];
  /** Name of the default sample type when the profile declares one. */
  defaultSampleType?: string;
  periodType?: ValueTypeInfo;
  period: number;
  durationNanos: number;
  timeNanos: number;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  docUrl: string;
  mappings: MappingInfo[];

  /** Functions, dense index. */
  funcName: string[];
  funcSystemName: string[];
  funcFile: string[];
  funcStartLine: Float64Array;

  /** Locations, dense index. Addresses are exact 64-bit; locMapping is -1 when the location has no mapping. */
  locAddress: BigUint64Array;
  locMapping: Int32Array;
  locIsFolded: Uint8Array;
  /** Lines of location l are lineFunc/lineNumber[locLineStart[l] .. locLineStart[l+1]). */
  locLineStart: Uint32Array;
  /** Dense function index, -1 when the line names no function. */
  lineFunc: Int32Array;
  lineNumber: Float64Array;
  lineColumn: Float64Array;

  /** Samples: stack of sample s is stackLocs[stackStart[s] .. stackStart[s+1]), leaf first. */
  sampleCount: number;
  stackStart: Uint32Array;
  /** 16-bit when the profile has at most 65,535 locations (most do), else 32-bit. */
  stackLocs: Uint32Array | Uint16Array;
  /** values[s * sampleTypes.length + i] is value i of sample s. */
  values: Float64Array;
  /** Labels per sample; undefined when no sample carries labels. */
  labels?: (SampleLabel[] | undefined)[];
}

export const locationCount = (m: ProfileModel): number => m.locAddress.length;

export const sampleValue = (m: ProfileModel, sample: number, index: number): number => m.values[sample * m.sampleTypes.length + index]!;

/** True when at least one location resolves to a named function (pprof's "has symbols"). */
export function hasSymbols(m: ProfileModel): boolean {
  for (let i = 0; i < m.lineFunc.length; i++) {
    const f = m.lineFunc[i]!;
    if (f >= 0 && m.funcName[f] !== '') return true;
  }
  return false;
}

/**
 * The name of a frame without symbols: its address in hex, as pprof's raw output prints it.
 * An address of 0 or all ones outside any mapping is Go's "no stack" sentinel (threadcreate
 * profiles): pprof calls that "<unknown>", and so do we.
 */
export function addressName(address: bigint, hasMapping: boolean): string {
  if (!hasMapping && (address === 0n || address === 0xffffffffffffffffn)) return '<unknown>';
  return `0x${address.toString(16)}`;
}
