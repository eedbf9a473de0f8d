import { AppError } from '@memegraph/contracts';
import { DenseIds, GrowableF64, GrowableI32, GrowableU32, GrowableU64, GrowableU8 } from './growable';
import { type ProfileLimits } from './limits';
import { type MappingInfo, type ProfileModel, type SampleLabel } from './profile.model';
import { ProtoError, ProtoReader, WIRE_LEN } from './proto-reader';

/**
 * Decodes an uncompressed profile.proto message straight into the ProfileModel in one pass.
 * Location and function ids get dense indices the first time they are seen, reference or
 * definition, because Go interleaves samples with the locations they use; nothing is decoded
 * twice and no per-sample objects are made. Structural problems (dangling ids, out-of-range
 * strings, value count mismatches) are CORRUPT_PROFILE, like pprof's CheckValid.
 */
export function decodeProfileModel(buf: Uint8Array, limits: ProfileLimits): ProfileModel {
  try {
    return decodeUnchecked(buf, limits);
  } catch (err) {
    if (err instanceof ProtoError) throw new AppError('CORRUPT_PROFILE', `not a valid pprof protobuf: ${err.message}`);
    throw err;
  }
}

const corrupt = (message: string) => new AppError('CORRUPT_PROFILE', `malformed profile: ${message}`);

const tooMany = (what: string, limit: keyof ProfileLimits, value: number) =>
  new AppError('LIMIT_EXCEEDED', `profile has more than ${value} ${what}`, { limit, value });

/**
 * The first pass: one small method per message type, so V8 optimises each hot method after a
 * few hundred calls instead of waiting for on-stack replacement of one giant loop (a cold CLI
 * run decodes about five times faster this way).
 */
class Decoder {
  readonly r: ProtoReader;
  readonly strings: string[] = [];
  private readonly text = new TextDecoder('utf-8');
  readonly sampleTypes: [number, number][] = [];
  periodType: [number, number] | undefined;
  period = 0;
  durationNanos = 0;
  timeNanos = 0;
  dropFrames = 0;
  keepFrames = 0;
  defaultSampleType = 0;
  docUrl = 0;
  readonly comments: number[] = [];

  readonly locIds = new DenseIds();
  readonly fnIds = new DenseIds();

  readonly sizes: ReturnType<typeof countSamples>;
  readonly stackLocs: Uint16Array | Uint32Array;
  frameCount = 0;
  readonly stackStart: Uint32Array;
  readonly values: Float64Array;
  valueCount = 0;
  readonly valueCounts: Uint32Array;
  sampleCount = 0;
  // Labels as flat columns (sample; key, str, num, unit), turned into objects at the end.
  readonly labelSample: GrowableU32;
  readonly labelCols: GrowableF64;

  readonly mappings: (Omit<MappingInfo, 'file' | 'buildId'> & { file: number; buildId: number })[] = [];

  // Locations by dense index; their lines are appended in message order and regrouped at the end.
  readonly locDefined = new GrowableU8(1024);
  readonly locMappingId = new GrowableF64(1024);
  readonly locAddress = new GrowableU64(1024);
  readonly locFolded = new GrowableU8(1024);
  readonly locLineFrom = new GrowableU32(1024);
  readonly locLineTo = new GrowableU32(1024);
  readonly lineFn = new GrowableI32(2048);
  readonly lineNumber = new GrowableF64(2048);
  readonly lineColumn = new GrowableF64(2048);

  readonly fnDefined = new GrowableU8(256);
  readonly fnName = new GrowableF64(256);
  readonly fnSystemName = new GrowableF64(256);
  readonly fnFile = new GrowableF64(256);
  readonly fnStartLine = new GrowableF64(256);

  constructor(
    readonly buf: Uint8Array,
    readonly limits: ProfileLimits,
  ) {
    this.r = new ProtoReader(buf);
    // Sized exactly by a quick pre-scan: no growth copies for the biggest arrays.
    const sizes = countSamples(buf);
    if (sizes.samples > limits.maxSamples) throw tooMany('samples', 'maxSamples', limits.maxSamples);
    if (sizes.frames > limits.maxStackFrames) throw tooMany('stack frames in total', 'maxStackFrames', limits.maxStackFrames);
    this.sizes = sizes;
    // Dense location indices fit 16 bits in most profiles: half the memory of the largest array.
    this.stackLocs = sizes.locations <= 0xffff ? new Uint16Array(sizes.frames) : new Uint32Array(sizes.frames);
    this.stackStart = new Uint32Array(sizes.samples + 1);
    this.values = new Float64Array(sizes.values);
    this.valueCounts = new Uint32Array(sizes.samples);
    this.labelSample = new GrowableU32(sizes.labels);
    this.labelCols = new GrowableF64(sizes.labels * 4);
  }

  run(): void {
    const r = this.r;
    while (!r.done) {
      const key = r.key();
      const field = key >>> 3;
      const wire = key & 7;
      switch (field) {
        case 1:
          this.sampleTypes.push(this.valueType(this.message(wire, 'sample_type')));
          break;
        case 2:
          this.sample(this.message(wire, 'sample'));
          break;
        case 3:
          this.mapping(this.message(wire, 'mapping'));
          break;
        case 4:
          this.location(this.message(wire, 'location'));
          break;
        case 5:
          this.function(this.message(wire, 'function'));
          break;
        case 6: {
          const end = this.message(wire, 'string_table entry');
          this.strings.push(end === r.pos ? '' : this.text.decode(this.buf.subarray(r.pos, end)));
          r.pos = end;
          break;
        }
        case 7: this.dropFrames = r.int64(); break;
        case 8: this.keepFrames = r.int64(); break;
        case 9: this.timeNanos = r.int64(); break;
        case 10: this.durationNanos = r.int64(); break;
        case 11:
          this.periodType = this.valueType(this.message(wire, 'period_type'));
          break;
        case 12: this.period = r.int64(); break;
        case 13:
          if (wire === WIRE_LEN) {
            const e = r.lenEnd();
            while (r.pos < e) this.comments.push(r.int64());
          } else this.comments.push(r.int64());
          break;
        case 14: this.defaultSampleType = r.int64(); break;
        case 15: this.docUrl = r.int64(); break;
        default:
          if (field === 0) throw new ProtoError('field number 0');
          r.skip(wire);
      }
    }
  }

  /** Checks a field is length-delimited and returns where its payload ends. */
  private message(wire: number, what: string): number {
    if (wire !== WIRE_LEN) throw new ProtoError(`${what} is not a message`);
    return this.r.lenEnd();
  }

  private valueType(end: number): [number, number] {
    const r = this.r;
    let type = 0;
    let unit = 0;
    while (r.pos < end) {
      const key = r.key();
      if (key === 8) type = r.int64();
      else if (key === 16) unit = r.int64();
      else r.skip(key & 7);
    }
    return [type, unit];
  }

  private locationRef(): void {
    const id = this.r.uint();
    if (id === 0) throw corrupt('a sample refers to location id 0');
    this.stackLocs[this.frameCount++] = this.locIds.indexOf(id);
  }

  private sample(end: number): void {
    const r = this.r;
    const s = this.sampleCount++;
    this.stackStart[s] = this.frameCount;
    const valuesBefore = this.valueCount;
    while (r.pos < end) {
      const k = r.key();
      if (k === 10) {
        const e = r.lenEnd();
        while (r.pos < e) this.locationRef();
        if (r.pos !== e) throw new ProtoError('packed location ids overrun their field');
      } else if (k === 8) this.locationRef();
      else if (k === 18) {
        const e = r.lenEnd();
        const values = this.values;
        while (r.pos < e) values[this.valueCount++] = r.int64();
        if (r.pos !== e) throw new ProtoError('packed values overrun their field');
      } else if (k === 16) this.values[this.valueCount++] = r.int64();
      else if (k === 26) this.label(r.lenEnd(), s);
      else r.skip(k & 7);
    }
    this.valueCounts[s] = this.valueCount - valuesBefore;
  }

  private label(end: number, sample: number): void {
    const r = this.r;
    let lk = 0;
    let ls = 0;
    let ln = 0;
    let lu = 0;
    while (r.pos < end) {
      const t = r.key();
      if (t === 8) lk = r.int64();
      else if (t === 16) ls = r.int64();
      else if (t === 24) ln = r.int64();
      else if (t === 32) lu = r.int64();
      else r.skip(t & 7);
    }
    // pprof ignores a label with neither a string nor a number nor a unit.
    if (ls !== 0 || ln !== 0 || lu !== 0) {
      this.labelSample.push(sample);
      this.labelCols.push(lk);
      this.labelCols.push(ls);
      this.labelCols.push(ln);
      this.labelCols.push(lu);
    }
  }

  private mapping(end: number): void {
    const r = this.r;
    const m = { id: 0, start: 0, limit: 0, offset: 0, file: 0, buildId: 0, hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false };
    while (r.pos < end) {
      const k = r.key();
      switch (k) {
        case 8: m.id = r.uint(); break;
        case 16: m.start = r.uint(); break;
        case 24: m.limit = r.uint(); break;
        case 32: m.offset = r.uint(); break;
        case 40: m.file = r.int64(); break;
        case 48: m.buildId = r.int64(); break;
        case 56: m.hasFunctions = r.bool(); break;
        case 64: m.hasFilenames = r.bool(); break;
        case 72: m.hasLineNumbers = r.bool(); break;
        case 80: m.hasInlineFrames = r.bool(); break;
        default: r.skip(k & 7);
      }
    }
    this.mappings.push(m);
  }

  private line(end: number): void {
    const r = this.r;
    let fn = 0;
    let line = 0;
    let column = 0;
    while (r.pos < end) {
      const lk = r.key();
      if (lk === 8) fn = r.uint();
      else if (lk === 16) line = r.int64();
      else if (lk === 24) column = r.int64();
      else r.skip(lk & 7);
    }
    this.lineFn.push(fn === 0 ? -1 : this.fnIds.indexOf(fn));
    this.lineNumber.push(line);
    this.lineColumn.push(column);
  }

  private location(end: number): void {
    const r = this.r;
    let id = 0;
    let mappingId = 0;
    let address = 0n;
    let folded = 0;
    const linesFrom = this.lineFn.length;
    while (r.pos < end) {
      const k = r.key();
      if (k === 34) this.line(r.lenEnd());
      else if (k === 8) id = r.uint();
      else if (k === 16) mappingId = r.uint();
      else if (k === 24) address = r.uint64();
      else if (k === 40) folded = r.bool() ? 1 : 0;
      else r.skip(k & 7);
    }
    if (id === 0) throw corrupt('location with id 0');
    const li = this.locIds.indexOf(id);
    if (this.locDefined.get(li)) throw corrupt(`duplicate location id ${id}`);
    if (li >= this.limits.maxLocations) throw tooMany('locations', 'maxLocations', this.limits.maxLocations);
    this.locDefined.set(li, 1);
    this.locMappingId.set(li, mappingId);
    this.locAddress.set(li, address);
    this.locFolded.set(li, folded);
    this.locLineFrom.set(li, linesFrom);
    this.locLineTo.set(li, this.lineFn.length);
  }

  private function(end: number): void {
    const r = this.r;
    let id = 0;
    let name = 0;
    let systemName = 0;
    let file = 0;
    let startLine = 0;
    while (r.pos < end) {
      const k = r.key();
      if (k === 8) id = r.uint();
      else if (k === 16) name = r.int64();
      else if (k === 24) systemName = r.int64();
      else if (k === 32) file = r.int64();
      else if (k === 40) startLine = r.int64();
      else r.skip(k & 7);
    }
    if (id === 0) throw corrupt('function with id 0');
    const fi = this.fnIds.indexOf(id);
    if (this.fnDefined.get(fi)) throw corrupt(`duplicate function id ${id}`);
    this.fnDefined.set(fi, 1);
    this.fnName.set(fi, name);
    this.fnSystemName.set(fi, systemName);
    this.fnFile.set(fi, file);
    this.fnStartLine.set(fi, startLine);
  }
}

function decodeUnchecked(buf: Uint8Array, limits: ProfileLimits): ProfileModel {
  const d = new Decoder(buf, limits);
  d.run();
  const { sizes, strings, sampleTypes, frameCount, valueCount, sampleCount, valueCounts, fnIds, fnDefined, fnName, fnSystemName, fnFile, fnStartLine } = d;
  const { mappings, locIds, locDefined, locMappingId, locAddress, locFolded, locLineFrom, locLineTo, lineFn, lineNumber, lineColumn } = d;
  const { stackStart, stackLocs, values, labelSample, labelCols, periodType, period, durationNanos, timeNanos, comments, dropFrames, keepFrames, docUrl, defaultSampleType } = d;

  // --- Resolve and validate -------------------------------------------------------------------
  if (frameCount !== sizes.frames || valueCount !== sizes.values || sampleCount !== sizes.samples) throw corrupt('sample fields are inconsistent');
  if (sampleTypes.length === 0) throw new AppError('UNSUPPORTED_FORMAT', 'not a pprof profile: it declares no sample types');
  if (strings.length > 0 && strings[0] !== '') throw corrupt('string table does not start with the empty string');
  const str = (i: number, what: string): string => {
    const s = strings[i];
    if (s === undefined) throw corrupt(`${what} refers to string ${i}, but the string table has ${strings.length} entries`);
    return s;
  };

  const numTypes = sampleTypes.length;
  const types = sampleTypes.map(([t, u], i) => ({ type: str(t, `sample_type[${i}]`), unit: str(u, `sample_type[${i}]`) }));
  for (let s = 0; s < sampleCount; s++) {
    if (valueCounts[s] !== numTypes) throw corrupt(`sample ${s} has ${valueCounts[s]} values for ${numTypes} sample types`);
  }

  const functionCount = fnIds.count;
  const funcName: string[] = new Array<string>(functionCount);
  const funcSystemName: string[] = new Array<string>(functionCount);
  const funcFile: string[] = new Array<string>(functionCount);
  const funcStartLine = new Float64Array(functionCount);
  for (let i = 0; i < functionCount; i++) {
    if (!fnDefined.get(i)) throw corrupt(`a line refers to missing function ${fnIds.ids.data[i]}`);
    funcName[i] = str(fnName.data[i]!, 'function name');
    funcSystemName[i] = str(fnSystemName.data[i]!, 'function system name');
    funcFile[i] = str(fnFile.data[i]!, 'function file');
    funcStartLine[i] = fnStartLine.data[i]!;
  }

  const mappingIndex = new Map<number, number>();
  const mappingInfos: MappingInfo[] = mappings.map((m, i) => {
    if (m.id === 0) throw corrupt('mapping with id 0');
    if (mappingIndex.has(m.id)) throw corrupt(`duplicate mapping id ${m.id}`);
    mappingIndex.set(m.id, i);
    return { ...m, file: str(m.file, 'mapping file'), buildId: str(m.buildId, 'mapping build id') };
  });

  // Locations in dense order, lines regrouped contiguously.
  const locCount = locIds.count;
  const locMapping = new Int32Array(locCount);
  const locLineStart = new Uint32Array(locCount + 1);
  const lineCount = lineFn.length;
  const lineFunc = new Int32Array(lineCount);
  const lineNum = new Float64Array(lineCount);
  const lineCol = new Float64Array(lineCount);
  let k = 0;
  for (let l = 0; l < locCount; l++) {
    if (!locDefined.get(l)) throw corrupt(`a sample refers to missing location ${locIds.ids.data[l]}`);
    const mid = locMappingId.data[l]!;
    if (mid === 0) locMapping[l] = -1;
    else {
      const mi = mappingIndex.get(mid);
      if (mi === undefined) throw corrupt(`location ${locIds.ids.data[l]} refers to missing mapping ${mid}`);
      locMapping[l] = mi;
    }
    locLineStart[l] = k;
    for (let i = locLineFrom.data[l]!; i < locLineTo.data[l]!; i++, k++) {
      lineFunc[k] = lineFn.data[i]!;
      lineNum[k] = lineNumber.data[i]!;
      lineCol[k] = lineColumn.data[i]!;
    }
  }
  locLineStart[locCount] = k;

  stackStart[sampleCount] = frameCount;

  let labels: (SampleLabel[] | undefined)[] | undefined;
  if (labelSample.length > 0) {
    labels = new Array<SampleLabel[] | undefined>(sampleCount);
    // Samples mostly repeat a few label sets: share one array per distinct set, found by a
    // numeric hash of the raw columns (no per-sample key strings) and confirmed column by column.
    const sets = new Map<number, { from: number; to: number; set: SampleLabel[] }[]>();
    const c = labelCols.data;
    const sameColumns = (a: number, b: number, n: number) => {
      for (let x = 0; x < n * 4; x++) if (c[a * 4 + x] !== c[b * 4 + x]) return false;
      return true;
    };
    let i = 0;
    while (i < labelSample.length) {
      const s = labelSample.data[i]!;
      let j = i;
      let h = 0x811c9dc5;
      while (j < labelSample.length && labelSample.data[j] === s) {
        for (let x = j * 4; x < j * 4 + 4; x++) h = Math.imul(h ^ (c[x]! | 0) ^ ((c[x]! / 4294967296) | 0), 0x01000193);
        j++;
      }
      const candidates = sets.get(h);
      let set = candidates?.find((k) => k.to - k.from === j - i && sameColumns(k.from, i, j - i))?.set;
      if (!set) {
        set = [];
        for (let x = i; x < j; x++) {
          const label: SampleLabel = { key: str(c[x * 4]!, 'label key') };
          if (c[x * 4 + 1] !== 0) label.str = str(c[x * 4 + 1]!, 'label value');
          else {
            label.num = c[x * 4 + 2]!;
            if (c[x * 4 + 3] !== 0) label.unit = str(c[x * 4 + 3]!, 'label unit');
          }
          set.push(label);
        }
        const entry = { from: i, to: j, set };
        if (candidates) candidates.push(entry);
        else sets.set(h, [entry]);
      }
      labels[s] = set;
      i = j;
    }
  }

  const dst = defaultSampleType ? str(defaultSampleType, 'default_sample_type') : '';
  return {
    sampleTypes: types,
    defaultSampleType: dst || undefined,
    periodType: periodType ? { type: str(periodType[0], 'period_type'), unit: str(periodType[1], 'period_type') } : undefined,
    period,
    durationNanos,
    timeNanos,
    comments: comments.map((c) => str(c, 'comment')),
    dropFrames: str(dropFrames, 'drop_frames'),
    keepFrames: str(keepFrames, 'keep_frames'),
    docUrl: str(docUrl, 'doc_url'),
    mappings: mappingInfos,
    funcName,
    funcSystemName,
    funcFile,
    funcStartLine,
    locAddress: locAddress.data.slice(0, locCount),
    locMapping,
    locIsFolded: locFolded.data.slice(0, locCount),
    locLineStart,
    lineFunc,
    lineNumber: lineNum,
    lineColumn: lineCol,
    sampleCount,
    stackStart,
    stackLocs,
    values,
    labels,
  };
}

/**
 * Counts samples, stack frames and values by walking only the top-level fields and the
 * sample messages (a varint ends at each byte below 0x80, so packed fields are counted by
 * scanning bytes). Malformed input is left for the real pass to report.
 */
function countSamples(buf: Uint8Array): { samples: number; frames: number; values: number; labels: number; locations: number } {
  const r = new ProtoReader(buf);
  let samples = 0;
  let frames = 0;
  let values = 0;
  let labels = 0;
  let locations = 0;
  const countVarints = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (buf[i]! < 0x80) n++;
    return n;
  };
  try {
    while (!r.done) {
      const key = r.key();
      if (key !== 18) {
        if (key === 34) locations++;
        r.skip(key & 7);
        continue;
      }
      const end = r.lenEnd();
      samples++;
      while (r.pos < end) {
        const k = r.key();
        if (k === 10 || k === 18) {
          const e = r.lenEnd();
          const n = countVarints(r.pos, e);
          if (k === 10) frames += n;
          else values += n;
          r.pos = e;
        } else if (k === 8 || k === 16) {
          r.skip(0);
          if (k === 8) frames++;
          else values++;
        } else {
          if (k === 26) labels++;
          r.skip(k & 7);
        }
      }
    }
  } catch (err) {
    if (!(err instanceof ProtoError)) throw err;
  }
  return { samples, frames, values, labels, locations };
}
