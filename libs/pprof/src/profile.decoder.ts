import { AppError } from '@memegraph/contracts';
import { GrowableF64, GrowableU32 } from './growable';
import { type ProfileLimits } from './limits';
import { type MappingInfo, type ProfileModel, type SampleLabel } from './profile.model';
import { ProtoError, ProtoReader, WIRE_LEN } from './proto-reader';

/**
 * Decodes an uncompressed profile.proto message straight into the ProfileModel in one pass.
 * Ids are resolved to dense indices afterwards because Go interleaves samples and the
 * locations they reference. Structural problems (dangling ids, out-of-range strings, value
 * count mismatches) are CORRUPT_PROFILE, like pprof's CheckValid.
 */
export function decodeProfileModel(buf: Uint8Array, limits: ProfileLimits): ProfileModel {
  try {
    return decodeUnchecked(buf, limits);
  } catch (err) {
    if (err instanceof ProtoError) throw new AppError('CORRUPT_PROFILE', `not a valid pprof protobuf: ${err.message}`);
    throw err;
  }
}

interface RawLabel {
  key: number;
  str: number;
  num: number;
  unit: number;
}

const corrupt = (message: string) => new AppError('CORRUPT_PROFILE', `malformed profile: ${message}`);

function decodeUnchecked(buf: Uint8Array, limits: ProfileLimits): ProfileModel {
  const r = new ProtoReader(buf);
  const strings: string[] = [];
  const text = new TextDecoder('utf-8');

  const sampleTypes: [number, number][] = [];
  let periodType: [number, number] | undefined;
  let period = 0;
  let durationNanos = 0;
  let timeNanos = 0;
  let dropFrames = 0;
  let keepFrames = 0;
  let defaultSampleType = 0;
  let docUrl = 0;
  const comments: number[] = [];

  // Samples: raw location ids (resolved later), values, labels by sample index.
  const stackIds = new GrowableF64(1 << 16);
  const stackStart = new GrowableU32(1 << 12);
  const values = new GrowableF64(1 << 12);
  const valueCounts = new GrowableU32(1 << 12);
  let rawLabels: (RawLabel[] | undefined)[] | undefined;
  let sampleCount = 0;

  const mappings: (Omit<MappingInfo, 'file' | 'buildId'> & { file: number; buildId: number })[] = [];

  const locIds = new GrowableF64(1 << 10);
  const locMappingIds = new GrowableF64(1 << 10);
  const locAddress = new GrowableF64(1 << 10);
  const locFolded: number[] = [];
  const locLineStart = new GrowableU32(1 << 10);
  const lineFuncIds = new GrowableF64(1 << 11);
  const lineNumber = new GrowableF64(1 << 11);
  const lineColumn = new GrowableF64(1 << 11);

  const fnIds = new GrowableF64(256);
  const fnName = new GrowableF64(256);
  const fnSystemName = new GrowableF64(256);
  const fnFile = new GrowableF64(256);
  const fnStartLine = new GrowableF64(256);

  const readValueType = (end: number): [number, number] => {
    let type = 0;
    let unit = 0;
    while (r.pos < end) {
      const key = r.key();
      if (key === 8) type = r.int64();
      else if (key === 16) unit = r.int64();
      else r.skip(key & 7);
    }
    return [type, unit];
  };

  while (!r.done) {
    const key = r.key();
    const field = key >>> 3;
    const wire = key & 7;
    switch (field) {
      case 1:
        if (wire !== WIRE_LEN) throw new ProtoError('sample_type is not a message');
        sampleTypes.push(readValueType(r.lenEnd()));
        break;
      case 2: {
        if (wire !== WIRE_LEN) throw new ProtoError('sample is not a message');
        const end = r.lenEnd();
        if (++sampleCount > limits.maxSamples) {
          throw new AppError('LIMIT_EXCEEDED', `profile has more than ${limits.maxSamples} samples`, { limit: 'maxSamples', value: limits.maxSamples });
        }
        stackStart.push(stackIds.length);
        const valuesBefore = values.length;
        let labels: RawLabel[] | undefined;
        while (r.pos < end) {
          const k = r.key();
          if (k === 10) {
            const e = r.lenEnd();
            while (r.pos < e) stackIds.push(r.uint());
          } else if (k === 8) stackIds.push(r.uint());
          else if (k === 18) {
            const e = r.lenEnd();
            while (r.pos < e) values.push(r.int64());
          } else if (k === 16) values.push(r.int64());
          else if (k === 26) {
            const e = r.lenEnd();
            const label: RawLabel = { key: 0, str: 0, num: 0, unit: 0 };
            while (r.pos < e) {
              const lk = r.key();
              if (lk === 8) label.key = r.int64();
              else if (lk === 16) label.str = r.int64();
              else if (lk === 24) label.num = r.int64();
              else if (lk === 32) label.unit = r.int64();
              else r.skip(lk & 7);
            }
            // pprof ignores a label with neither a string nor a number nor a unit.
            if (label.str !== 0 || label.num !== 0 || label.unit !== 0) (labels ??= []).push(label);
          } else r.skip(k & 7);
        }
        if (r.pos !== end) throw new ProtoError('sample overruns its length');
        valueCounts.push(values.length - valuesBefore);
        if (labels) {
          rawLabels ??= [];
          rawLabels[sampleCount - 1] = labels;
        }
        if (stackIds.length > limits.maxStackFrames) {
          throw new AppError('LIMIT_EXCEEDED', `profile stacks hold more than ${limits.maxStackFrames} frames in total`, {
            limit: 'maxStackFrames',
            value: limits.maxStackFrames,
          });
        }
        break;
      }
      case 3: {
        if (wire !== WIRE_LEN) throw new ProtoError('mapping is not a message');
        const end = r.lenEnd();
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
        mappings.push(m);
        break;
      }
      case 4: {
        if (wire !== WIRE_LEN) throw new ProtoError('location is not a message');
        const end = r.lenEnd();
        if (locIds.length >= limits.maxLocations) {
          throw new AppError('LIMIT_EXCEEDED', `profile has more than ${limits.maxLocations} locations`, { limit: 'maxLocations', value: limits.maxLocations });
        }
        let id = 0;
        let mappingId = 0;
        let address = 0;
        let folded = 0;
        locLineStart.push(lineFuncIds.length);
        while (r.pos < end) {
          const k = r.key();
          if (k === 34) {
            const e = r.lenEnd();
            let fn = 0;
            let line = 0;
            let column = 0;
            while (r.pos < e) {
              const lk = r.key();
              if (lk === 8) fn = r.uint();
              else if (lk === 16) line = r.int64();
              else if (lk === 24) column = r.int64();
              else r.skip(lk & 7);
            }
            lineFuncIds.push(fn);
            lineNumber.push(line);
            lineColumn.push(column);
          } else if (k === 8) id = r.uint();
          else if (k === 16) mappingId = r.uint();
          else if (k === 24) address = r.uint();
          else if (k === 40) folded = r.bool() ? 1 : 0;
          else r.skip(k & 7);
        }
        locIds.push(id);
        locMappingIds.push(mappingId);
        locAddress.push(address);
        locFolded.push(folded);
        break;
      }
      case 5: {
        if (wire !== WIRE_LEN) throw new ProtoError('function is not a message');
        const end = r.lenEnd();
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
        fnIds.push(id);
        fnName.push(name);
        fnSystemName.push(systemName);
        fnFile.push(file);
        fnStartLine.push(startLine);
        break;
      }
      case 6: {
        if (wire !== WIRE_LEN) throw new ProtoError('string_table entry is not bytes');
        const end = r.lenEnd();
        strings.push(end === r.pos ? '' : text.decode(buf.subarray(r.pos, end)));
        r.pos = end;
        break;
      }
      case 7: dropFrames = r.int64(); break;
      case 8: keepFrames = r.int64(); break;
      case 9: timeNanos = r.int64(); break;
      case 10: durationNanos = r.int64(); break;
      case 11:
        if (wire !== WIRE_LEN) throw new ProtoError('period_type is not a message');
        periodType = readValueType(r.lenEnd());
        break;
      case 12: period = r.int64(); break;
      case 13:
        if (wire === WIRE_LEN) {
          const e = r.lenEnd();
          while (r.pos < e) comments.push(r.int64());
        } else comments.push(r.int64());
        break;
      case 14: defaultSampleType = r.int64(); break;
      case 15: docUrl = r.int64(); break;
      default:
        if (field === 0) throw new ProtoError('field number 0');
        r.skip(wire);
    }
  }

  // --- Resolve and validate -------------------------------------------------------------------
  if (sampleTypes.length === 0) {
    throw new AppError('UNSUPPORTED_FORMAT', 'not a pprof profile: it declares no sample types');
  }
  const str = (i: number, what: string): string => {
    const s = strings[i];
    if (s === undefined || i < 0) throw corrupt(`${what} refers to string ${i}, but the string table has ${strings.length} entries`);
    return s;
  };
  if (strings.length > 0 && strings[0] !== '') throw corrupt('string table does not start with the empty string');

  const numTypes = sampleTypes.length;
  const types = sampleTypes.map(([t, u], i) => ({ type: str(t, `sample_type[${i}]`), unit: str(u, `sample_type[${i}]`) }));

  const functionCount = fnIds.length;
  const fnIndex = denseIndex(fnIds, 'function');
  const funcName: string[] = new Array<string>(functionCount);
  const funcSystemName: string[] = new Array<string>(functionCount);
  const funcFile: string[] = new Array<string>(functionCount);
  for (let i = 0; i < functionCount; i++) {
    funcName[i] = str(fnName.data[i]!, 'function name');
    funcSystemName[i] = str(fnSystemName.data[i]!, 'function system name');
    funcFile[i] = str(fnFile.data[i]!, 'function file');
  }

  const mappingIndex = new Map<number, number>();
  const mappingInfos: MappingInfo[] = mappings.map((m, i) => {
    if (m.id === 0) throw corrupt('mapping with id 0');
    if (mappingIndex.has(m.id)) throw corrupt(`duplicate mapping id ${m.id}`);
    mappingIndex.set(m.id, i);
    return { ...m, file: str(m.file, 'mapping file'), buildId: str(m.buildId, 'mapping build id') };
  });

  const locCount = locIds.length;
  const locIndex = denseIndex(locIds, 'location');
  const locMapping = new Int32Array(locCount);
  for (let i = 0; i < locCount; i++) {
    const id = locMappingIds.data[i]!;
    if (id === 0) locMapping[i] = -1;
    else {
      const mi = mappingIndex.get(id);
      if (mi === undefined) throw corrupt(`location ${locIds.data[i]} refers to missing mapping ${id}`);
      locMapping[i] = mi;
    }
  }
  locLineStart.push(lineFuncIds.length);
  const lineCount = lineFuncIds.length;
  const lineFunc = new Int32Array(lineCount);
  for (let i = 0; i < lineCount; i++) {
    const id = lineFuncIds.data[i]!;
    if (id === 0) lineFunc[i] = -1;
    else {
      const fi = fnIndex(id);
      if (fi < 0) throw corrupt(`a line refers to missing function ${id}`);
      lineFunc[i] = fi;
    }
  }

  stackStart.push(stackIds.length);
  const frames = stackIds.length;
  const stackLocs = new Uint32Array(frames);
  for (let i = 0; i < frames; i++) {
    const li = locIndex(stackIds.data[i]!);
    if (li < 0) throw corrupt(`a sample refers to missing location ${stackIds.data[i]}`);
    stackLocs[i] = li;
  }
  for (let s = 0; s < sampleCount; s++) {
    if (valueCounts.data[s] !== numTypes) throw corrupt(`sample ${s} has ${valueCounts.data[s]} values for ${numTypes} sample types`);
  }

  let labels: (SampleLabel[] | undefined)[] | undefined;
  if (rawLabels) {
    labels = new Array<SampleLabel[] | undefined>(sampleCount);
    for (let s = 0; s < rawLabels.length; s++) {
      const raw = rawLabels[s];
      if (!raw) continue;
      labels[s] = raw.map((l) => {
        const label: SampleLabel = { key: str(l.key, 'label key') };
        if (l.str !== 0) label.str = str(l.str, 'label value');
        else {
          label.num = l.num;
          if (l.unit !== 0) label.unit = str(l.unit, 'label unit');
        }
        return label;
      });
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
    funcStartLine: fnStartLine.toArray(),
    locAddress: locAddress.toArray(),
    locMapping,
    locIsFolded: Uint8Array.from(locFolded),
    locLineStart: locLineStart.toArray(),
    lineFunc,
    lineNumber: lineNumber.toArray(),
    lineColumn: lineColumn.toArray(),
    sampleCount,
    stackStart: stackStart.toArray(),
    stackLocs,
    values: values.toArray(),
    labels,
  };
}

/**
 * Maps protobuf ids to dense indices. Go numbers ids 1..N, so a lookup table is the usual
 * path; sparse or huge ids fall back to a Map. Returns -1 for unknown ids.
 */
function denseIndex(ids: GrowableF64, what: string): (id: number) => number {
  const n = ids.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const id = ids.data[i]!;
    if (id === 0) throw corrupt(`${what} with id 0`);
    if (id > max) max = id;
  }
  if (max <= 4 * n + 1024) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const id = ids.data[i]!;
      if (table[id] !== -1) throw corrupt(`duplicate ${what} id ${id}`);
      table[id] = i;
    }
    return (id) => (id <= max ? table[id]! : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const id = ids.data[i]!;
    if (map.has(id)) throw corrupt(`duplicate ${what} id ${id}`);
    map.set(id, i);
  }
  return (id) => map.get(id) ?? -1;
}
