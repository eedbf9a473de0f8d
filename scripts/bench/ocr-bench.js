#!/usr/bin/env node
'use strict';
// OCR benchmark: renders screenshots from known text (scripts/bench/ocr-scenes.js), reads them
// with our pipeline (@memegraph/ocr: guard → preprocess → tesseract.js pool) and with the
// `tesseract` command-line tool (--psm 6 and --psm 3), and prints the character error rate
// (Levenshtein distance / length of the truth) and the time per image. Run it through
// scripts/bench/ocr, which installs the tools and builds the library first.
//
// Options: --workers N (default: cores, max 4)  --repeat N (timed passes, median kept; default 3)
//          --ablation (also run with each step forced)  --keep DIR (write the images and truths
//          there)  --json FILE (machine-readable results)

const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const ocr = require(path.join(ROOT, 'libs/ocr/dist/index.js'));
const scenes = require('./ocr-scenes.js');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const cores = os.availableParallelism();
const workers = Number(opt('--workers', ocr.defaultOcrWorkers()));
const ablation = args.includes('--ablation');
const repeat = Math.max(1, Number(opt('--repeat', 3)));
const keep = opt('--keep');
const jsonOut = opt('--json');

// ------------------------------------------------------------------------------------------
// Character error rate

const CJK = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]';
/** Both sides alike: NFKC, one space for any run of blanks, no blank lines, no spaces next to CJK. */
function normalize(s) {
  return s
    .normalize('NFKC')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .replace(new RegExp(` (?=${CJK})|(?<=${CJK}) `, 'g'), '');
}
function levenshtein(a, b) {
  a = [...a];
  b = [...b];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
const cer = (got, truth) => {
  const t = normalize(truth);
  return levenshtein(normalize(got), t) / [...t].length;
};

// ------------------------------------------------------------------------------------------

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

function tesseractCli() {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const version = execFileSync('tesseract', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
    const have = langs.split('\n').map((l) => l.trim());
    return { version, langs: ['eng', 'chi_sim'].filter((l) => have.includes(l)).join('+') };
  } catch {
    return undefined;
  }
}

/** Runs fn over items with at most `limit` in flight; returns results in order and the wall time. */
async function pooled(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return { results, wallMs: performance.now() - t0 };
}

/** Of several passes over the images, the one with the median wall time. */
const medianRun = (runs) => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f3 = (x) => x.toFixed(3);

async function main() {
  const cjk = hasCjkFont();
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'memegraph-ocr-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const images = [];
  for (const s of scenes) {
    if (s.cjk && !cjk) {
      console.log(`skip ${s.name}: no CJK font (install fonts-noto-cjk)`);
      continue;
    }
    const png = await ocr.renderSynthetic(s.spec);
    const file = path.join(dir, `${s.name}.png`);
    fs.writeFileSync(file, png);
    fs.writeFileSync(path.join(dir, `${s.name}.txt`), ocr.syntheticText(s.spec));
    images.push({ name: s.name, file, png, truth: ocr.syntheticText(s.spec), px: 0 });
  }
  for (const img of images) {
    const m = await ocr.inspectImage(img.png);
    img.px = `${m.width}×${m.height}`;
  }

  const t0 = performance.now();
  const pool = await ocr.createOcrPool({ workers, languages: 'eng+chi_sim' });
  const startMs = performance.now() - t0;
  const readAll = (opts) =>
    pooled(images, workers, async (img) => {
      const r = await ocr.readScreenshot(pool, img.png, undefined, { preprocess: opts });
      return { cer: cer(r.text, img.truth), ms: r.ms, variant: r.variant, text: r.text };
    });
  // The first pass right after start-up (what a one-off CLI run sees), then `repeat` passes.
  const cold = await readAll({});
  const runOurs = async (opts, times = repeat) => {
    const runs = [];
    for (let i = 0; i < times; i++) runs.push(await readAll(opts));
    return medianRun(runs);
  };
  const ours = await runOurs({});

  const cli = tesseractCli();
  const runCliOnce = async (psm) =>
    pooled(images, workers, (img) => {
      const t = performance.now();
      return new Promise((resolve) => {
        execFile('tesseract', [img.file, 'stdout', '-l', cli.langs, '--psm', String(psm)], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 << 20 }, (err, stdout) => {
          resolve({ cer: err ? 1 : cer(stdout, img.truth), ms: performance.now() - t, text: stdout });
        });
      });
    });
  const runCli = async (psm) => {
    const runs = [];
    for (let i = 0; i < repeat; i++) runs.push(await runCliOnce(psm));
    return medianRun(runs);
  };
  const cli6 = cli ? await runCli(6) : undefined;
  const cli3 = cli ? await runCli(3) : undefined;

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`\nOCR benchmark — ${new Date().toISOString().slice(0, 10)}, ${cores} cores, Node ${process.versions.node}, ${images.length} images, ${workers} workers (pool start ${Math.round(startMs)} ms), load average ${load}`);
  console.log(`times: median of ${repeat} passes over all images, ${workers} at a time (per-image seconds include waiting for a worker)`);
  if (cli) console.log(`tesseract CLI: ${cli.version}, -l ${cli.langs}, OMP_THREAD_LIMIT=1, ${workers} processes at a time`);
  else console.log('tesseract CLI not installed: comparison skipped');
  const head = ['image', 'size', 'ours CER', 'ours s', 'variant', ...(cli ? ['cli6 CER', 'cli6 s', 'cli3 CER', 'cli3 s'] : [])];
  const rows = images.map((img, i) => [
    img.name,
    img.px,
    f3(ours.results[i].cer),
    (ours.results[i].ms / 1000).toFixed(2),
    ours.results[i].variant,
    ...(cli ? [f3(cli6.results[i].cer), (cli6.results[i].ms / 1000).toFixed(2), f3(cli3.results[i].cer), (cli3.results[i].ms / 1000).toFixed(2)] : []),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const fmt = (r) => r.map((v, c) => (c === 0 || c === 4 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ');
  console.log(fmt(head));
  for (const r of rows) console.log(fmt(r));

  const summary = (label, run) => {
    const c = run.results.map((r) => r.cer);
    const perImage = run.wallMs / 1000 / images.length;
    console.log(
      `${label.padEnd(22)} mean CER ${f3(mean(c))}  median CER ${f3(median(c))}  ` +
        `wall ${(run.wallMs / 1000).toFixed(2)} s = ${perImage.toFixed(2)} s/image = ${(images.length / (run.wallMs / 1000) / Math.min(workers, cores)).toFixed(2)} images/s/core`,
    );
    return { meanCer: mean(c), medianCer: median(c), wallMs: run.wallMs, secondsPerImage: perImage };
  };
  console.log('');
  const result = { date: new Date().toISOString(), cores, node: process.versions.node, workers, loadAverage: os.loadavg(), poolStartMs: startMs, images: images.map((i) => i.name) };
  result.ours = summary('ours (tesseract.js)', ours);
  result.oursFirstPass = summary('ours, 1st pass (cold)', cold);
  if (cli) {
    result.cliPsm6 = summary('tesseract CLI --psm 6', cli6);
    result.cliPsm3 = summary('tesseract CLI --psm 3', cli3);
  }

  if (ablation) {
    // What each preprocessing step contributes: the automatic pipeline with one choice forced.
    const variants = {
      'auto (as shipped)': {},
      'no upscale (×1)': { scale: 1 },
      'fixed upscale ×2': { scale: 2 },
      'fixed upscale ×3': { scale: 3 },
      'luma grey only': { channel: 'luma' },
      'no inversion': { invert: false },
      'Otsu on all': { threshold: true },
      'Otsu off': { threshold: false },
      'no block removal': { removeBlocks: false },
    };
    console.log('\nablation (one choice forced, everything else automatic):');
    result.ablation = {};
    for (const [name, opts] of Object.entries(variants)) {
      const run = await runOurs(opts, 1);
      const c = run.results.map((r) => r.cer);
      const byKind = {};
      scenes.forEach((s) => {
        const i = images.findIndex((img) => img.name === s.name);
        if (i < 0) return;
        const k = s.spec.style === 'caption' ? 'caption' : s.spec.style === 'chat' ? 'chat' : s.spec.style === 'light-terminal' ? 'light' : 'dark';
        (byKind[k] ??= []).push(run.results[i].cer);
      });
      const kinds = Object.entries(byKind).map(([k, v]) => `${k} ${f3(mean(v))}`).join('  ');
      console.log(`  ${name.padEnd(20)} mean CER ${f3(mean(c))}  ${(run.wallMs / 1000 / images.length).toFixed(2)} s/image   [${kinds}]`);
      result.ablation[name] = { meanCer: mean(c), secondsPerImage: run.wallMs / 1000 / images.length, byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mean(v)])) };
    }
  }

  await pool.close();
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(result, null, 2));
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`\nimages and truths kept in ${dir}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
