import { type RootCauseEntryInput } from '../knowledge.schema';

export const cpuReflectionJson: RootCauseEntryInput = {
  id: 'cpu-reflection-json',
  title: { en: 'CPU burnt on reflection-based JSON decoding', zh: 'JSON 反射解码吃满 CPU' },
  summary: {
    en: 'Request bodies, messages or configs are decoded into interface{} / map[string]interface{} (or round-tripped through JSON to copy or convert objects), so encoding/json walks reflect.Value for every field and allocates a boxed value per key. The CPU profile is dominated by encoding/json and reflect frames rather than by business logic.',
    zh: '请求体、消息或配置被反序列化成 interface{} / map[string]interface{}（或者用 JSON 来回序列化做深拷贝、类型转换），encoding/json 对每个字段走 reflect，逐个 key 装箱分配。CPU profile 的大头是 encoding/json 和 reflect，而不是业务代码。',
  },
  signals: [
    { source: 'profile', text: 'encoding/json.(*decodeState).object, literalStore, literalInterface, objectInterface near the top of flat or cum' },
    { source: 'profile', text: 'reflect.Value.SetMapIndex, reflect.mapassign, reflect.New, reflect.Value.Field, reflect.typedmemmove, runtime.convT2E wide under a handler' },
    { source: 'profile', text: 'encoding/json.(*encodeState).reflectValue / typeFields on the encode side; mapstructure.Decode; json round-trip used as DeepCopy' },
    { source: 'metric', text: 'container CPU near the limit while QPS is flat; allocations per request high but GC share moderate (unlike gc-pressure)' },
    { source: 'chat', text: '“火焰图全是 json 和 reflect”, “interface{} 反序列化太慢”' },
  ],
  alertRules: [],
  relatedAlertRules: ['CPUThrottlingHigh', 'HighCPUUsage', 'ContainerHighCpuUtilization'],
  confusableWith: [
    { classId: 'gc-pressure', howToTell: 'gc-pressure has runtime.gcBgMarkWorker / mallocgc / scanobject as the wide frames; here encoding/json and reflect frames dominate and GC is secondary.' },
    { classId: 'cpu-throttling', howToTell: 'Throttling is a quota symptom seen in cgroup metrics; this class is about what the CPU is spent on. Both can co-occur: fix the decoder first.' },
    { classId: 'regex-compile-hot-path', howToTell: 'regexp.Compile / regexp/syntax.Parse frames instead of encoding/json and reflect.' },
  ],
  runbook: [
    { title: 'Capture a 30 s CPU profile from the hot pod', command: 'kubectl -n $NAMESPACE port-forward pod/$POD 6060:6060 &\ngo tool pprof -seconds 30 -output cpu.pb.gz -proto http://localhost:6060/debug/pprof/profile', why: 'The profile shows whether encoding/json and reflect really own the CPU.' },
    { title: 'Rank the JSON and reflect frames', command: "go tool pprof -top -cum -focus='encoding/json|reflect\\.' cpu.pb.gz | head -40", why: 'Cumulative share under encoding/json tells how much the decoder costs end to end.' },
    { title: 'Find the call site that decodes into interface{}', command: "go tool pprof -peek 'encoding/json.Unmarshal|json.(*Decoder).Decode' cpu.pb.gz\ngrep -rn --include='*.go' -E 'map\\[string\\](interface\\{\\}|any)' ./internal ./pkg | grep -i -E 'unmarshal|decode'", why: 'The callers of Unmarshal name the handler that decodes generically.' },
    { title: 'Benchmark typed decoding against the generic path', command: "go test -run '^$' -bench 'Decode' -benchmem -count 5 ./internal/codec/... | tee new.txt\nbenchstat old.txt new.txt", why: 'Proves the typed struct or generated decoder (easyjson, sonic) is faster and allocates less before rollout.' },
    { title: 'Compare profiles before and after the fix', command: 'go tool pprof -top -diff_base before.pb.gz after.pb.gz', why: 'The diff should show encoding/json and reflect shrinking, not moving elsewhere.' },
  ],
  verification: [
    { name: 'Container CPU of the service', promql: 'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Near the limit while the cause is active; drops by the share the profile attributed to JSON after the fix.' },
    { name: 'p99 request latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="$JOB"}[5m])))', expect: 'Falls once decoding no longer competes for CPU.' },
    { name: 'Allocation rate per second', promql: 'sum(rate(go_memstats_alloc_bytes_total{job="$JOB"}[5m]))', expect: 'Typed decoding allocates far less per request; the rate should fall at equal traffic.' },
  ],
  rollback: [
    'Keep the old generic decoder behind a feature flag until the typed path is proven on production traffic.',
    'Check that unknown fields, null handling and number precision (json.Number vs float64) behave as before; roll back if payload validation errors rise.',
    'Roll back the deployment with kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT if error rate or latency regresses.',
    'Re-capture a CPU profile after rollback to confirm the baseline is restored.',
  ],
  examples: [
    `Showing nodes accounting for 4.12s, 68.90% of 5.98s total
      flat  flat%   sum%        cum   cum%
     0.61s 10.20% 10.20%      2.87s 47.99%  encoding/json.(*decodeState).object
     0.44s  7.36% 17.56%      0.44s  7.36%  encoding/json.stateInString
     0.39s  6.52% 24.08%      0.92s 15.38%  reflect.Value.SetMapIndex
     0.31s  5.18% 29.26%      0.31s  5.18%  runtime.mapassign_faststr
     0.27s  4.52% 33.78%      1.10s 18.39%  encoding/json.(*decodeState).literalInterface`,
    `Our gateway spends almost half of its CPU inside json.Unmarshal. The handler decodes every request body into map[string]interface{} and then walks it with type switches. Switching to a typed struct cut p99 from 180ms to 40ms.`,
    `火焰图里一大片 encoding/json 和 reflect，json.Unmarshal 到 map[string]interface{} 占了 40% 的 CPU，是不是该换成结构体或者 sonic？`,
    `Replace reflection-based decoding of the event envelope with a generated decoder (easyjson).
BenchmarkDecodeEnvelope-8   210000 ns/op -> 38000 ns/op, allocs 1843 -> 95.`,
    `The exporter CPU usage grows linearly with the number of targets; profiling shows reflect.Value.Field and encoding/json.(*encodeState).reflectValue at the top. We marshal the whole state to JSON on every scrape.`,
    `Flame graph: ServeHTTP -> (*Handler).parseBody -> json.Unmarshal -> (*decodeState).value -> (*decodeState).object -> reflect.Value.SetMapIndex -> reflect.mapassign. 52% of all samples sit under parseBody.`,
    `DeepCopy is implemented as json.Marshal followed by json.Unmarshal into a fresh interface{}. It is called on every reconcile and shows up as 30% of controller CPU in the profile.`,
    `mapstructure.Decode is hot: we first unmarshal the YAML into map[string]interface{} and then use mapstructure (all reflection) to fill the options struct, per request instead of once at start-up.`,
    `BenchmarkUnmarshalGeneric-8     12034    98541 ns/op   41230 B/op   987 allocs/op
BenchmarkUnmarshalTyped-8       61922    19320 ns/op    3312 B/op    41 allocs/op
Decoding into interface{} is 5x slower than decoding into the struct.`,
    `CPU spikes to 100% when clients upload large JSON documents. pprof shows encoding/json.(*decodeState).array and reflect.growslice; we decode into []interface{} and convert afterwards.`,
    `网关 CPU 打满，pprof top 前几名全是 reflect.Value.Set、encoding/json.(*decodeState).literalStore，业务代码把整个 body 反序列化成 interface{} 再转一遍结构体。`,
    `reflect.Value.Interface, reflect.valueInterface and runtime.convT2E dominate the profile of the logging path: every log call marshals its fields with encoding/json through reflection.`,
    `ROUTINE ======================== main.decodeEvent in /src/events/decode.go
     1.20s      3.40s (flat, cum) 41.3% of Total
         .          .     31:func decodeEvent(b []byte) (Event, error) {
         .          .     32:   var raw map[string]interface{}
         .      2.90s     33:   if err := json.Unmarshal(b, &raw); err != nil {`,
    `Kafka consumer lag keeps increasing and the consumer is CPU bound. About 70% of its CPU is JSON decoding with reflection (encoding/json.indirect, reflect.New) because each message is decoded twice: once into a generic map to read the "type" field, then into the concrete struct.`,
    `json.Unmarshal into interface{} is the hottest path in our CPU profile.`,
    `High CPU from reflect-based JSON decoding in the webhook handler`,
    `[FIRING] HighCPUUsage payments-api 3.8 of 4 cores. Attached profile: encoding/json.Unmarshal 38% cum, reflect.Value.SetMapIndex 12% flat, business logic under 10%.`,
    `grpc-gateway marshals responses with protojson, which walks messages with protoreflect. At 8k rps the marshalling alone is 45% of CPU; a hand-written encoder for the two hot responses fixed it.`,
    `压测 QPS 上不去，CPU 都耗在 encoding/json 的反射上，decodeState.object 和 reflect.mapassign 特别宽，换 jsoniter 之后好很多。`,
    `Unmarshal is slow for map[string]interface{} with many keys: reflect.Value.SetMapIndex allocates for every key and every value gets boxed into an interface.`,
    `The validation middleware converts each request struct to a map through a JSON round trip (marshal, then unmarshal into map[string]any) so it can walk the fields generically. That alone costs ~3ms per request on our pods.`,
    `      flat  flat%   sum%        cum   cum%
         0     0%     0%     12.40s 71.26%  net/http.(*conn).serve
         0     0%     0%     10.91s 62.70%  github.com/acme/ingest/api.(*Server).handleBatch
     0.08s  0.46%  0.46%      9.73s 55.92%  encoding/json.Unmarshal
     0.31s  1.78%  2.24%      9.12s 52.41%  encoding/json.(*decodeState).value
     0.52s  2.99%  5.23%      4.01s 23.05%  reflect.Value.SetMapIndex`,
    `The informer update handler compares old and new objects by marshalling both to JSON and then calls reflect.DeepEqual on the decoded maps; on clusters with thousands of ConfigMaps the controller pegs a core.`,
    `We parse the Elasticsearch bulk response into map[string]interface{} just to check "errors": false. Replacing it with a struct that only has the Errors field saved 20% CPU on the indexer.`,
    `这个服务 CPU 高不是 GC 的问题，profile 里 mallocgc 只占 8%，主要是 reflect 和 encoding/json 解码，interface{} 动态类型太多，建议定义结构体。`,
    `After switching the decoder from encoding/json to bytedance/sonic the ingest pods went from 4 cores to 1.2 cores at the same traffic. The old profile was all reflect and decodeState.`,
    `Every request converts YAML to JSON with sigs.k8s.io/yaml (yaml.Unmarshal into interface{}, then json.Marshal) and unmarshals it again. This conversion is the top of the CPU profile; cache the converted document.`,
    `Our encoder spends most of its time in encoding/json.(*encodeState).reflectValue and encoding/json.typeFields because a new anonymous struct type is built per call with reflect.StructOf, so the field cache never hits.`,
    `Decoding a 50MB JSON array into []map[string]interface{} takes 4s of CPU. Streaming it with json.Decoder.Token() into typed structs brought it down to 600ms.`,
    `perf: avoid json round trip in ToUnstructured. runtime.DefaultUnstructuredConverter already walks the object with reflection; marshalling to JSON first doubled the cost and made convert the #1 frame in the apiserver CPU profile.`,
    `CPU profile (30s): 61% in encoding/json.(*decodeState).objectInterface and (*decodeState).arrayInterface called from metrics.ParsePayload. The payload schema is fixed, so there is no reason to use interface{} here.`,
    `P: 接口延迟高，CPU 使用率 90%+。
A: 抓了 30 秒 CPU profile，json.Unmarshal 累计 55%，reflect.New 和 reflect.Value.SetMapIndex 占了大头，改成具体 struct 并预分配 slice 后 CPU 降到 35%。`,
    `The admission webhook decodes the whole AdmissionReview into unstructured maps and then converts them to typed objects via runtime.DefaultUnstructuredConverter. At 300 req/s the webhook pods are CPU bound and the flame graph is mostly reflect.Value.Set and friends.`,
    `perf(api): decode request bodies straight into typed structs instead of map[string]any. Removes ~40% of CPU on the ingest path; reflection-heavy generic decoding no longer shows up in pprof.`,
    `Why is json.Unmarshal so slow here? We're unmarshalling 2MB documents into interface{} and then type-asserting everything. CPU profile attached: decodeState.objectInterface / valueInterface at the top.`,
    `日志采集端 CPU 高，火焰图顶部是 encoding/json.(*decodeState).literalStore 和 reflect.Value.SetString，每条日志都先反序列化成 map 再取两个字段，改成 gjson 按路径取值后 CPU 降了一大半。`,
    `Marshalling responses with encoding/json dominates CPU in our GraphQL server; every resolver result is a map[string]interface{} so the encoder reflects over every value. Switched the hot types to generated marshalers.`,
    `The copy helper clones structs by marshalling to JSON and unmarshalling into a new value. It's called in a loop for every item of every page, and reflection makes it the most expensive function in the service.`,
    `Top of go tool pprof -top: reflect.(*rtype).Field, reflect.Value.Field, encoding/json.typeFields, encoding/json.(*encodeState).marshal — the service spends its CPU walking struct types at runtime.`,
    `**Describe the bug**
After upgrading to v2.3.0 the collector uses three times more CPU. The CPU profile shows most time in encoding/json and reflect: the new code decodes every span attribute into map[string]interface{}.

**To Reproduce**
1. Run the collector with the default config
2. Send 5k spans/s

**Expected behavior**
CPU similar to v2.2.

**Environment**
- Version: v2.3.0
- Go version: go1.21.6
- OS: linux/amd64`,
  ],
};
