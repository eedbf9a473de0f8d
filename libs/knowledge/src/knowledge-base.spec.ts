import { RootCauseClassIds, rootCauseDomain } from '@memegraph/contracts';
import { describe, expect, it } from 'vitest';
import { knowledgeData } from './data';
import { buildKnowledgeBase, knowledgeSeedRows, loadKnowledgeBase } from './knowledge-base';
import { checkPromQL } from '@memegraph/runbooks';

const kb = loadKnowledgeBase();

describe('loadKnowledgeBase', () => {
  it('has a semver version and exactly one entry per class, in the contract order', () => {
    expect(kb.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(kb.classes.map((c) => c.id)).toEqual([...RootCauseClassIds]);
    expect(loadKnowledgeBase()).toBe(kb);
  });

  describe.each(RootCauseClassIds.map((id) => [id]))('%s', (id) => {
    const entry = kb.byId(id);

    it('has titles and summaries in English and Chinese', () => {
      expect(entry.title.en.length).toBeGreaterThan(5);
      expect(entry.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.summary.en.length).toBeGreaterThan(80);
      expect(entry.summary.zh).toMatch(/[\u4e00-\u9fff]/);
    });

    it('has at least 3 runbook steps, each with a real command', () => {
      expect(entry.runbook.length).toBeGreaterThanOrEqual(3);
      for (const step of entry.runbook) {
        expect(step.command).toMatch(/\b(kubectl|go|curl|redis-cli|psql|promtool|istioctl|openssl|kubeadm|cmctl|crane|skopeo|grep|ulimit|echo|sleep|for|diff|dig|nslookup|ss|cat|crictl)\b/);
        expect(step.why.length).toBeGreaterThan(10);
      }
    });

    it('has exactly 3 plausible PromQL verification metrics', () => {
      expect(entry.verification).toHaveLength(3);
      for (const v of entry.verification) expect(checkPromQL(v.promql), v.promql).toBeUndefined();
    });

    it('has a rollback checklist and how it shows up', () => {
      expect(entry.rollback.length).toBeGreaterThanOrEqual(1);
      expect(entry.signals.length).toBeGreaterThanOrEqual(3);
    });

    it('has at least 25 distinct examples, including Chinese ones', () => {
      expect(entry.examples.length).toBeGreaterThanOrEqual(25);
      expect(new Set(entry.examples).size).toBe(entry.examples.length);
      expect(entry.examples.some((e) => /[\u4e00-\u9fff]/.test(e))).toBe(true);
    });
  });

  it('never repeats an example across classes or negatives', () => {
    const all = [...kb.classes.flatMap((c) => c.examples), ...kb.negatives];
    expect(new Set(all).size).toBe(all.length);
  });

  it('maps alert rule names case-insensitively, strong before related', () => {
    expect(kb.classesForAlertRule('KubePodCrashLooping')[0]).toEqual({ classId: 'k8s-crashloop', strength: 'strong' });
    expect(kb.classesForAlertRule('cputhrottlinghigh')[0]?.classId).toBe('cpu-throttling');
    expect(kb.classesForAlertRule('NodeClockNotSynchronising')[0]?.classId).toBe('clock-skew');
    expect(kb.classesForAlertRule('KubePersistentVolumeFillingUp')[0]?.classId).toBe('disk-full');
    expect(kb.classesForAlertRule('Watchdog')).toEqual([]);
  });

  it('byId throws for an unknown class', () => {
    expect(() => kb.byId('not-a-class')).toThrow(/unknown root-cause class/);
  });

  it('rejects invalid data with the path of the problem', () => {
    const broken = { ...knowledgeData, classes: knowledgeData.classes.map((c, i) => (i === 0 ? { ...c, verification: c.verification.slice(0, 2) } : c)) };
    expect(() => buildKnowledgeBase(broken)).toThrow(/classes\.0\.verification/);
    expect(() => buildKnowledgeBase({ ...knowledgeData, classes: knowledgeData.classes.slice(1) })).toThrow(/missing class cpu-reflection-json/);
  });
});


describe('knowledgeSeedRows', () => {
  it('returns one row per class with strings and string arrays only', () => {
    const rows = knowledgeSeedRows();
    expect(rows.map((r) => r.id)).toEqual([...RootCauseClassIds]);
    for (const row of rows) {
      expect(row.domain).toBe(rootCauseDomain(row.id as (typeof RootCauseClassIds)[number]));
      expect(row.kbVersion).toBe(kb.version);
      expect(row.verificationPromql).toHaveLength(3);
      for (const value of Object.values(row)) {
        const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
        expect(ok).toBe(true);
      }
    }
  });
});
