import { Inject, Injectable } from '@nestjs/common';
import { type BlobStore } from '@memegraph/blobs';
import { AppError } from '@memegraph/contracts';
import { type Config } from '@memegraph/config';
import { ProfileRepository } from '@memegraph/graph';
import {
  analyzeGoroutines,
  buildCallTree,
  callTreeToJSON,
  diffProfiles,
  groupGoroutineProfile,
  type FlameBadge,
  type GoroutineReport,
  type ProfileModel,
  readProfile,
  renderFlameGraphSvg,
  sandwich,
  sniffInput,
  toFolded,
  toSpeedscope,
  topTable,
  unpackInput,
  withLimits,
} from '@memegraph/pprof';
import { memeById } from '@memegraph/memes';
import { BLOBS, CONFIG } from '../infra/tokens';

export interface ViewOptions {
  sampleIndex?: string;
  minFraction?: number;
  inverted?: boolean;
}

/** Decoded profiles are reused across views of the same upload (keyed by content hash). */
const CACHE_SIZE = 8;
/** Bounds of the overview embedded in GET /v1/profiles/:id; the full views have their own routes. */
const OVERVIEW_ROWS = 50;
const OVERVIEW_GROUPS = 50;
const OVERVIEW_MIN_FRACTION = 0.005;

/** Read-side views of one stored profile: top table, flame graph data and exports, goroutines. */
@Injectable()
export class ProfileViewsService {
  private readonly cache = new Map<string, ProfileModel | GoroutineReport>();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    private readonly profiles: ProfileRepository,
  ) {}

  private get limits() {
    return withLimits({ maxInputBytes: this.config.MAX_UPLOAD_BYTES, maxDecompressedBytes: this.config.MAX_DECOMPRESSED_BYTES });
  }

  async original(id: string): Promise<{ filename: string; bytes: Buffer }> {
    const rec = await this.profiles.get(id);
    const key = await this.profiles.blobKeyOf(id);
    if (!rec || !key) throw new AppError('NOT_FOUND', `no profile with id ${id}`);
    return { filename: rec.filename, bytes: await this.blobs.get(key) };
  }

  private async load(id: string): Promise<ProfileModel | GoroutineReport> {
    const key = await this.profiles.blobKeyOf(id);
    if (!key) throw new AppError('NOT_FOUND', `no profile with id ${id}`);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const bytes = await this.blobs.get(key);
    const raw = unpackInput(bytes, this.limits);
    const loaded = sniffInput(raw) === 'goroutine-text' ? analyzeGoroutines(raw, this.limits) : readProfile(raw, this.limits);
    this.cache.set(key, loaded);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return loaded;
  }

  private async model(id: string): Promise<ProfileModel> {
    const m = await this.load(id);
    if (isGoroutineReport(m)) throw new AppError('UNSUPPORTED_FORMAT', 'this upload is a goroutine text dump: it has goroutine groups, not a call tree; see /goroutines');
    return m;
  }

  async top(id: string, sampleIndex?: string, nodeCount?: number) {
    return topTable(await this.model(id), { sampleIndex, nodeCount });
  }

  async flameData(id: string, o: ViewOptions) {
    return callTreeToJSON(buildCallTree(await this.model(id), { sampleIndex: o.sampleIndex, minFraction: o.minFraction ?? 0.001, inverted: o.inverted }));
  }

  /** The SVG carries each finding's meme badge on its anchor frames, linking back to the finding. */
  async flameSvg(id: string, o: ViewOptions) {
    const tree = buildCallTree(await this.model(id), { sampleIndex: o.sampleIndex, inverted: o.inverted });
    const rec = await this.profiles.get(id);
    const findings = (await this.profiles.findingsOf(id)) as { id: string; memeId: string; title: string; anchors?: string[] }[];
    const badges: FlameBadge[] = findings.flatMap((f) => {
      const meme = memeById(f.memeId);
      if (!meme) return [];
      return (f.anchors ?? []).map((frame) => ({ frame, label: meme.symbol, title: `${meme.caption.zh} — ${meme.caption.en}: ${f.title}`, href: `/profiles/${id}#finding-${f.id}` }));
    });
    return renderFlameGraphSvg(tree, { title: rec ? `${rec.filename} — ${tree.sampleType}` : undefined, badges });
  }

  async folded(id: string, o: ViewOptions) {
    return toFolded(buildCallTree(await this.model(id), { sampleIndex: o.sampleIndex }));
  }

  async speedscope(id: string, o: ViewOptions & { name: string }) {
    return toSpeedscope(buildCallTree(await this.model(id), { sampleIndex: o.sampleIndex }), { name: o.name });
  }

  async sandwich(id: string, fn: string, o: ViewOptions) {
    const s = sandwich(await this.model(id), fn, { sampleIndex: o.sampleIndex, minFraction: o.minFraction ?? 0.001 });
    return { function: s.function, sampleType: s.sampleType, unit: s.unit, flat: s.flat, cum: s.cum, callers: callTreeToJSON(s.callers), callees: callTreeToJSON(s.callees) };
  }

  /** Like `go tool pprof -diff_base=BASE NEW`: per-function deltas and a merged tree for a red/blue flame graph. */
  async diff(baseId: string, newId: string, o: ViewOptions & { normalize?: 'none' | 'total' | 'duration' }) {
    const d = diffProfiles(await this.model(baseId), await this.model(newId), { sampleIndex: o.sampleIndex, normalize: o.normalize, minFraction: o.minFraction ?? 0.001 });
    return { sampleType: d.sampleType, unit: d.unit, normalize: d.normalize, scale: d.scale, baseTotal: d.baseTotal, newTotal: d.newTotal, top: d.top, rows: d.rows, tree: callTreeToJSON(d.tree) };
  }

  /**
   * What the profile page needs in one answer: the top table (first rows), goroutine groups
   * when the profile has goroutines, and the flame graph pruned to frames of at least 0.5%
   * (the full tree is at /flamegraph). Undefined while the profile is not analysed.
   */
  async overview(id: string) {
    const loaded = await this.load(id);
    if (isGoroutineReport(loaded)) return { goroutines: { ...loaded, groups: loaded.groups.slice(0, OVERVIEW_GROUPS) } };
    const hasGoroutines = loaded.sampleTypes.some((t) => t.type === 'goroutine');
    return {
      top: topTable(loaded, { nodeCount: OVERVIEW_ROWS }),
      flamegraph: callTreeToJSON(buildCallTree(loaded, { minFraction: OVERVIEW_MIN_FRACTION })),
      ...(hasGoroutines ? { goroutines: (({ groups, ...rest }) => ({ ...rest, groups: groups.slice(0, OVERVIEW_GROUPS) }))(groupGoroutineProfile(loaded)) } : {}),
    };
  }

  async goroutines(id: string): Promise<GoroutineReport> {
    const loaded = await this.load(id);
    if (isGoroutineReport(loaded)) return loaded;
    if (!loaded.sampleTypes.some((t) => t.type === 'goroutine')) throw new AppError('UNSUPPORTED_FORMAT', 'goroutine groups need a goroutine profile or dump');
    return groupGoroutineProfile(loaded);
  }
}

const isGoroutineReport = (x: ProfileModel | GoroutineReport): x is GoroutineReport => 'groups' in x && 'byState' in x;
