import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTraineddata, packagedLanguageFile, parseLanguages, prepareLanguageFolder } from './lang-data';

const dir = mkdtempSync(join(tmpdir(), 'ocr-lang-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('language data', () => {
  it('finds the packaged eng and chi_sim models and accepts them', () => {
    for (const lang of ['eng', 'chi_sim']) {
      const file = packagedLanguageFile(lang);
      expect(file).toMatch(new RegExp(`@tesseract\\.js-data/${lang}/4\\.0\\.0_best_int/${lang}\\.traineddata\\.gz$`));
      expect(checkTraineddata(file!)).toBeUndefined();
    }
    expect(packagedLanguageFile('deu')).toBeUndefined();
  });

  it('rejects garbage, truncated and missing files (they would crash or hang tesseract.js)', () => {
    const garbage = join(dir, 'garbage.traineddata');
    writeFileSync(garbage, gzipSync(Buffer.alloc(100_000, 7)));
    expect(checkTraineddata(garbage)).toMatch(/offset table/);
    const tiny = join(dir, 'tiny.traineddata');
    writeFileSync(tiny, 'x');
    expect(checkTraineddata(tiny)).toBe('too small');
    expect(checkTraineddata(join(dir, 'nope.traineddata'))).toBe('missing');
  });

  it('links every language into one folder, idempotently', () => {
    const cacheDir = join(dir, 'cache');
    const a = prepareLanguageFolder('eng+chi_sim', { cacheDir });
    const b = prepareLanguageFolder('eng+chi_sim', { cacheDir });
    expect(a.langPath).toBe(join(cacheDir, 'lang'));
    expect(b).toEqual(a);
    expect(readlinkSync(join(a.langPath, 'eng.traineddata'))).toBe(packagedLanguageFile('eng'));
    expect(readlinkSync(join(a.langPath, 'chi_sim.traineddata'))).toBe(packagedLanguageFile('chi_sim'));
  });

  it('names what is missing in a configured folder, with DEPENDENCY_UNAVAILABLE', () => {
    const langDir = join(dir, 'langs');
    rmSync(langDir, { recursive: true, force: true });
    writeFileSync(join(dir, 'placeholder'), '');
    expect(() => prepareLanguageFolder('eng+chi_sim', { langDir, cacheDir: join(dir, 'c2') })).toThrow(
      expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringContaining('eng: no eng.traineddata or eng.traineddata.gz') }),
    );
  });

  it('validates language codes', () => {
    expect(parseLanguages('eng+chi_sim+eng')).toEqual(['eng', 'chi_sim']);
    expect(() => parseLanguages('')).toThrow(/no OCR language/);
    expect(() => parseLanguages('eng+../../etc/passwd')).toThrow(/invalid OCR language/);
  });
});
