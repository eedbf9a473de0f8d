import { RootCauseClassIds } from '@memegraph/contracts';
import { loadKnowledgeBase } from '@memegraph/knowledge';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_PROBES, FRESH_TEXTS, UNRELATED_TEXTS } from '../test/fresh-texts';
import { DiagnosisModel, buildModel, crossValidate } from './diagnosis-model';
import { type Diagnosis } from './diagnosis.schema';

let model: DiagnosisModel;
beforeAll(() => {
  model = buildModel();
});

const topOf = (d: Diagnosis) => d.ranking[0]?.classId;

describe('buildModel', () => {
  it('trains on the knowledge base quickly and names its version after KB + data', () => {
    const started = performance.now();
    const again = buildModel();
    const ms = performance.now() - started;
    console.log(`buildModel: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(10_000);
    expect(again.modelVersion).toBe(model.modelVersion);
    expect(model.modelVersion).toMatch(new RegExp(`^kb${loadKnowledgeBase().version.replace(/\./g, '\\.')}-[0-9a-f]{12}$`));
    expect(buildModel(undefined, [{ text: 'extra incident', classId: 'disk-full' }]).modelVersion).not.toBe(model.modelVersion);
    expect(model.trainingSummary).toMatchObject({ kbExamples: loadKnowledgeBase().classes.reduce((n, c) => n + c.examples.length, 0), extraExamples: 0, skippedExtra: 0 });
  });

  it('skips extra examples whose class this build does not know', () => {
    const m = buildModel(undefined, [{ text: 'some incident', classId: 'no-such-class' as 'disk-full' }, { text: 'disk is full again', classId: 'disk-full' }]);
    expect(m.trainingSummary).toMatchObject({ extraExamples: 1, skippedExtra: 1 });
  });
});

describe('diagnose: fresh hand-written texts', () => {
  describe.each(RootCauseClassIds.map((id) => [id]))('%s', (classId) => {
    it.each(FRESH_TEXTS[classId].map((t) => [t]))('ranks it first for %j', (text) => {
      const d = model.diagnose({ text });
      expect(topOf(d)).toBe(classId);
      expect(d.unknown).toBe(false);
      expect(d.top?.classId).toBe(classId);
      expect(d.top?.verification).toHaveLength(3);
      expect(d.top?.runbook.length).toBeGreaterThanOrEqual(3);
    });
  });
});

describe('diagnose: formats the knowledge base barely covers', () => {
  it.each(FORMAT_PROBES.map(([classId, text]) => [classId, text]))('%s', (classId, text) => {
    expect(topOf(model.diagnose({ text }))).toBe(classId);
  });
});

describe('diagnose: unknown', () => {
  it.each(UNRELATED_TEXTS.map((t) => [t]))('claims no cause for %j', (text) => {
    const d = model.diagnose({ text });
    expect(d.unknown).toBe(true);
    expect(d.top).toBeUndefined();
    expect(d.ranking.every((r) => r.confidence < 0.5)).toBe(true);
  });

  it('claims no cause for Watchdog and InfoInhibitor alerts', () => {
    for (const alertname of ['Watchdog', 'InfoInhibitor']) {
      const d = model.diagnose({
        alert: { status: 'firing', labels: { alertname, severity: 'none' }, annotations: { summary: 'An alert that should always be firing to certify that Alertmanager is working properly.' } },
      });
      expect(d.unknown, alertname).toBe(true);
      expect(d.top).toBeUndefined();
    }
  });

  it('returns an empty ranking when the text holds nothing the model knows', () => {
    const d = model.diagnose({ text: 'qwxz zzyv plorf' });
    expect(d).toMatchObject({ unknown: true, ranking: [] });
  });
});

describe('diagnose: evidence', () => {
  it('names the exact span that matched and the model terms', () => {
    const text = 'prod incident: worker-3 exited, Last State: Terminated, Reason: OOMKilled, Exit Code: 137';
    const d = model.diagnose({ text });
    expect(topOf(d)).toBe('k8s-oomkilled');
    const spans = d.ranking[0]!.evidence.filter((e) => e.kind === 'text-span');
    expect(spans).toContainEqual({ kind: 'text-span', start: text.indexOf('OOMKilled'), end: text.indexOf('OOMKilled') + 9, text: 'OOMKilled', signature: 'oomkilled' });
    for (const s of spans) if (s.kind === 'text-span') expect(text.slice(s.start, s.end)).toBe(s.text);
    const terms = d.ranking[0]!.evidence.find((e) => e.kind === 'model');
    expect(terms && terms.kind === 'model' && terms.terms.length).toBeGreaterThan(0);
    expect(d.analyzedText).toBeUndefined();
  });
});

describe('diagnose: alerts', () => {
  const webhook = {
    receiver: 'oncall',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'KubePersistentVolumeFillingUp', namespace: 'db', persistentvolumeclaim: 'data-pg-0', severity: 'critical' },
        annotations: { description: 'The PersistentVolume claimed by data-pg-0 in Namespace db is only 2.1% free.', runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepersistentvolumefillingup' },
        generatorURL: 'http://prometheus/graph?g0.expr=...',
      },
    ],
    commonLabels: { alertname: 'KubePersistentVolumeFillingUp' },
  };

  it('maps the alertname of a webhook payload to its class and reports it as evidence', () => {
    const d = model.diagnose({ alert: webhook });
    expect(topOf(d)).toBe('disk-full');
    expect(d.ranking[0]!.evidence).toContainEqual({ kind: 'alertname', value: 'KubePersistentVolumeFillingUp' });
    expect(d.analyzedText).toContain('only 2.1% free');
  });

  it('uses labels such as reason="OOMKilled" as evidence', () => {
    const d = model.diagnose({ alert: { labels: { alertname: 'KubeContainerTerminated', reason: 'OOMKilled', container: 'api' }, annotations: {} } });
    expect(topOf(d)).toBe('k8s-oomkilled');
    expect(d.ranking[0]!.evidence).toContainEqual({ kind: 'label', key: 'reason', value: 'OOMKilled' });
  });

  it('reads a single alert whose only clue is the description', () => {
    const d = model.diagnose({ alert: { labels: { alertname: 'SomeCustomRule' }, annotations: { description: 'Pods in namespace shop are being evicted: the node was low on resource: memory.' } } });
    expect(topOf(d)).toBe('k8s-pod-eviction');
  });

  it('does not invent a cause for an alert that matches nothing', () => {
    const d = model.diagnose({ alert: { labels: { alertname: 'QuarterlyReportReady' }, annotations: { summary: 'The quarterly sales report is ready for download.' } } });
    expect(d.unknown).toBe(true);
  });
});

describe('diagnose: findings', () => {
  it('lets a strong profile finding dominate weak text evidence', () => {
    const text = 'The service got slow this afternoon and p99 latency doubled.';
    const d = model.diagnose({ text, findings: [{ classId: 'mutex-contention', confidence: 0.9, severity: 'high', title: 'sync.Mutex delay 80%' }] });
    expect(topOf(d)).toBe('mutex-contention');
    expect(d.ranking[0]!.evidence[0]).toEqual({ kind: 'finding', classId: 'mutex-contention', confidence: 0.9 });
    expect(d.ranking[0]!.confidence).toBeGreaterThan(0.8);
  });

  it('works with findings alone and ignores unknown class ids', () => {
    const d = model.diagnose({ findings: [{ classId: 'gc-pressure', confidence: 0.85 }, { classId: 'not-a-class', confidence: 1 }] });
    expect(topOf(d)).toBe('gc-pressure');
    expect(d.unknown).toBe(false);
  });

  it('rejects an input with nothing to diagnose', () => {
    expect(() => model.diagnose({})).toThrow(/one of text, alert or findings is required/);
  });
});

describe('diagnose: Chinese', () => {
  it.each([
    ['线上 pod 一直重启，describe 看到 Last State 是 OOMKilled，退出码 137', 'k8s-oomkilled'],
    ['服务调用下游一直报 context deadline exceeded，超时很多', 'network-timeout'],
    ['节点排空的时候报 Cannot evict pod as it would violate the pod\'s disruption budget，升级卡住了', 'k8s-node-drain-failure'],
    ['CoreDNS 挂了，所有服务都报 no such host，域名解析失败', 'dns-failure'],
  ])('%s -> %s', (text, classId) => {
    expect(topOf(model.diagnose({ text }))).toBe(classId);
  });
});

describe('determinism and serialisation', () => {
  const inputs = [...Object.values(FRESH_TEXTS).flat().slice(0, 20), ...UNRELATED_TEXTS].map((text) => ({ text }));

  it('gives the same output for the same input, from independently built models', () => {
    const other = buildModel();
    for (const input of inputs) expect(other.diagnose(input)).toEqual(model.diagnose(input));
  });

  it('round-trips through JSON with identical output', () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const restored = DiagnosisModel.fromJSON(json);
    expect(restored.modelVersion).toBe(model.modelVersion);
    for (const input of inputs) expect(restored.diagnose(input)).toEqual(model.diagnose(input));
  });

  it('refuses a model built for another knowledge version', () => {
    const json = { ...model.toJSON(), kbVersion: '0.0.1' };
    expect(() => DiagnosisModel.fromJSON(json)).toThrow(/knowledge 0\.0\.1/);
  });

  it('breaks ties by class id', () => {
    const d = model.diagnose({ findings: [{ classId: 'disk-full', confidence: 0.9 }, { classId: 'clock-skew', confidence: 0.9 }] });
    expect(d.ranking.slice(0, 2).map((r) => r.classId)).toEqual(['clock-skew', 'disk-full']);
  });
});

describe('calibration', () => {
  it('has an expected calibration error of at most 0.1 on held-out knowledge-base folds', () => {
    const cv = crossValidate();
    console.log(`CV: ${JSON.stringify(cv.metrics)}`);
    expect(cv.metrics.ece).toBeLessThanOrEqual(0.1);
    expect(cv.metrics.top1).toBeGreaterThan(0.85);
    expect(cv.metrics.top3).toBeGreaterThan(0.95);
    expect(cv.metrics.unknownOnNegatives).toBeGreaterThan(0.8);
    expect(cv.metrics.unknownOnLabelled).toBeLessThan(0.05);
  });
});

describe('learning from incidents and feedback', () => {
  const jargon = 'orbit-sync reports gantry drift on shard 7 again';

  it('moves a text to the class of a few confirmed examples', () => {
    const before = model.diagnose({ text: jargon });
    expect(topOf(before)).not.toBe('dns-failure');
    const confirmed = [
      { text: 'orbit-sync gantry drift on shard 3, fixed by flushing the resolver cache', classId: 'dns-failure' as const, weight: 2 },
      { text: 'gantry drift in orbit-sync after the resolver change', classId: 'dns-failure' as const, weight: 2 },
      { text: 'orbit-sync: gantry drift, shard 5; root cause was the upstream resolver', classId: 'dns-failure' as const, weight: 2, feedback: 'correct' as const },
    ];
    const after = buildModel(undefined, confirmed).diagnose({ text: jargon });
    expect(topOf(after)).toBe('dns-failure');
    expect(after.unknown).toBe(false);
  });

  it('pushes a class down when users mark it wrong for a text', () => {
    const text = 'Requests hang for a while, the client gives up and logs a timeout, then it recovers.';
    const before = model.diagnose({ text });
    const wrongClass = topOf(before)!;
    const conf = (d: Diagnosis) => d.ranking.find((r) => r.classId === wrongClass)?.confidence ?? 0;
    const feedback = [1, 2, 3].map(() => ({ text, classId: wrongClass as (typeof RootCauseClassIds)[number], feedback: 'wrong' as const }));
    const after = buildModel(undefined, feedback).diagnose({ text });
    expect(conf(after)).toBeLessThan(conf(before));
  });
});
