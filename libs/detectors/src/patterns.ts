import { packageOf } from './go-names';

/**
 * Function-name patterns the detectors look for, shared by the CPU and allocation detectors.
 * Each is matched against whole function names as pprof prints them.
 */

/** Packages that turn bytes into Go values and back by reflection. */
const CODEC_PACKAGES =
  /^(encoding\/(json|xml|gob)|gopkg\.in\/yaml\.v\d|go\.yaml\.in\/yaml\/v\d|sigs\.k8s\.io\/yaml|github\.com\/(ghodss\/yaml|goccy\/go-yaml|goccy\/go-json|json-iterator\/go|ugorji\/go\/codec|vmihailenco\/msgpack(\/v\d)?|mitchellh\/mapstructure))$/;
export const isCodecFunction = (name: string): boolean => CODEC_PACKAGES.test(packageOf(name));

/**
 * Generic (interface{} / map) decoding and encoding: the codec builds or walks values whose
 * type it only learns at run time. encoding/json's *Interface decoders and interface/map
 * encoders, gob's interface/map paths, json-iterator's eface/map decoders, reflect's map and
 * interface operations, and the runtime map inserts that decoding into a map performs.
 */
export const DYNAMIC_CODEC =
  /^(encoding\/json\.(\(\*decodeState\)\.(objectInterface|arrayInterface|valueInterface|literalInterface)|interfaceEncoder|mapEncoder\.encode(\.func\d+)?|\(\*mapEncoder\)\.encode|newMapEncoder)|encoding\/gob\.\(\*(Decoder|Encoder)\)\.(decodeInterface|decodeMap|encodeInterface|encodeMap)|github\.com\/json-iterator\/go\.(\(\*(efaceDecoder|mapDecoder|Iterator)\)\.(Decode|Read|ReadAny|readAny)|\(\*mapEncoder\)\.Encode)|reflect\.(mapassign\w*|mapaccess\w*|Value\.SetMapIndex|Value\.MapIndex|Value\.MapKeys|Value\.MapRange|MakeMap\w*|\(\*MapIter\)\.\w+|mapiter\w*|Value\.Interface|valueInterface|packEface|unpackEface)|(runtime|internal\/runtime\/maps)\.(mapassign\w*|\(\*Map\)\.PutSlot\w*))$/;

export const REFLECT = /^reflect\./;

/** Allocation in the runtime (Go 1.26 splits mallocgc into size-class variants). */
export const ALLOC = /^runtime\.mallocgc\w*$/;

/** Garbage-collector work: background and assist marking, scanning, sweeping. */
export const GC_WORK =
  /^(runtime\.(gcBgMarkWorker|gcDrain\w*|gcAssistAlloc\w*|markroot\w*|scanobject|scanObject\w*|scanblock|scanstack|scanSpan\w*|scanframeworker|greyobject|gcMarkDone|gcMarkTermination|bgsweep|bgscavenge|sweepone|gcSweep|wbBufFlush\w*|tryDeferToSpanScan)|internal\/runtime\/gc\/scan\.\w+)$/;
export const GC_BACKGROUND = /^runtime\.gcBgMarkWorker$/;
export const GC_ASSIST = /^runtime\.gcAssistAlloc$/;

/** String and byte-slice concatenation (a + b + ...), the runtime side of `s += x`. */
export const CONCAT = /^runtime\.(concatstrings|concatstring[2-5]|concatbytes|concatbyte[2-5])$/;
export const MEMMOVE = /^runtime\.memmove$/;
/** Builders regrowing (append-style string building without a capacity hint). */
export const STRING_BUILDER = /^(strings\.\(\*Builder\)\.(grow|Grow|WriteString|WriteByte|WriteRune|Write)|bytes\.\(\*Buffer\)\.(grow|WriteString|Write|WriteByte|WriteRune))$/;
export const GROWSLICE = /^runtime\.growslice$/;

/**
 * Compiling regular expressions and templates. Package-level regexp.MatchString/Match/
 * MatchReader compile their pattern on every call; the (*Regexp) methods do not match here.
 */
export const REGEX_COMPILE =
  /^(regexp\.(Compile|MustCompile|CompilePOSIX|MustCompilePOSIX|compile|MatchString|Match|MatchReader)|regexp\/syntax\.(Parse|Compile)|(text|html)\/template\.(\(\*Template\)\.Parse|Must|ParseFiles|ParseGlob|ParseFS)|text\/template\/parse\.Parse)$/;

/** sync.Mutex / RWMutex slow paths: only contended locks get here. */
export const LOCK_SLOW =
  /^((sync|internal\/sync)\.(\(\*(Mutex|RWMutex)\)\.(lockSlow|unlockSlow|rUnlockSlow)|runtime_(SemacquireMutex|SemacquireRWMutexR?|Semrelease|doSpin))|runtime\.(semacquire1|semrelease1))$/;
/** Any sync lock frame, for finding who called Lock. */
export const LOCK_ANY = /^(sync|internal\/sync)\.(\(\*(Mutex|RWMutex)\)\.\w+|runtime_\w+)$/;
/** Application lock frames in mutex (Unlock side) and block (Lock side) profiles. */
export const APP_LOCK =
  /^(sync|internal\/sync)\.(\(\*(Mutex|RWMutex)\)\.(Lock|Unlock|RLock|RUnlock|lockSlow|unlockSlow|rUnlockSlow|rLockSlow)|runtime_(SemacquireMutex|SemacquireRWMutexR?|Semrelease))$/;

/**
 * Busy-polling primitives: non-blocking selects (select with default), select evaluation,
 * yields and spins, and atomic loads, when nothing but runtime code sits between them and
 * the user's loop.
 */
export const POLL_MARK = /^(runtime\.(selectnbrecv|selectnbsend|selectgo|Gosched|goschedImpl|procyield\w*|osyield|usleep)|sync\/atomic\.\S+|internal\/runtime\/atomic\.\S+)$/;
/** Frames allowed between a polling primitive and the polling loop. */
export const SPIN_OK = /^(runtime\.|runtime\/internal\/|internal\/runtime\/|sync\/atomic\.|context\.\(\*(cancelCtx|valueCtx|timerCtx)\)\.(Done|Err)|time\.(Now|Since|runtimeNano)$)/;
