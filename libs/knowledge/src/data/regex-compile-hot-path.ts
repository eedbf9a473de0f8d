import { type RootCauseEntryInput } from '../knowledge.schema';

export const regexCompileHotPath: RootCauseEntryInput = {
  id: 'regex-compile-hot-path',
  title: { en: 'Regexp (or template) compiled on every request', zh: '热路径上反复编译正则（或模板）' },
  summary: {
    en: 'A regular expression is compiled inside a handler or loop — regexp.MustCompile in a function body, regexp.MatchString (which compiles each call), a pattern built from config per message — instead of once at package level. Templates parsed per request show the same shape. CPU goes to regexp/syntax parsing and program compilation, with heavy allocation, even though the patterns never change.',
    zh: '正则表达式在 handler 或循环里编译——函数体内 regexp.MustCompile、每次调用都会编译的 regexp.MatchString、每条消息按配置拼出 pattern——而不是在包级别编译一次。每个请求都解析模板也是同样的形态。CPU 耗在 regexp/syntax 解析和程序编译上，分配很多，而 pattern 其实从不变化。',
  },
  signals: [
    { source: 'profile', text: 'regexp.Compile, regexp.compile, regexp/syntax.Parse, regexp/syntax.(*parser).*, regexp/syntax.Compile, regexp.compileOnePass, regexp.onePassCopy in CPU and alloc profiles' },
    { source: 'profile', text: 'text/template.(*Template).Parse or html/template escaping under a request handler' },
    { source: 'log', text: 'code review: regexp.MustCompile inside a function called per request; regexp.MatchString in a loop' },
    { source: 'chat', text: '“正则每次都编译”, “MustCompile 放到全局变量”' },
  ],
  alertRules: [],
  relatedAlertRules: ['HighCPUUsage'],
  confusableWith: [
    { classId: 'cpu-reflection-json', howToTell: 'JSON/reflect frames vs regexp/syntax frames.' },
    { classId: 'gc-pressure', howToTell: 'Compiling regexps allocates a lot, so GC rises too; the compile frames are the cause.' },
  ],
  runbook: [
    { title: 'Profile CPU and look for regexp compilation', command: "go tool pprof -seconds 30 -top -focus='regexp' http://localhost:6060/debug/pprof/profile", why: 'regexp.compile and regexp/syntax frames under a handler confirm per-request compilation.' },
    { title: 'Find the callers that compile', command: "go tool pprof -peek 'regexp.(Must)?Compile$|regexp.MatchString' cpu.pb.gz\ngrep -rn --include='*.go' -E 'regexp\\.(MustCompile|Compile|MatchString)\\(' ./internal ./pkg | grep -v '^.*:var '", why: 'Compile calls inside function bodies (not package-level vars) are the ones to hoist.' },
    { title: 'Benchmark hoisting the compile', command: "go test -run '^$' -bench 'Match' -benchmem -count 5 ./internal/filter/... | tee new.txt && benchstat old.txt new.txt", why: 'Shows the per-call cost removed by compiling once.' },
    { title: 'Cache dynamic patterns', command: "grep -rn --include='*.go' -E 'regexp\\.MustCompile\\(.*(fmt\\.Sprintf|\\+)' ./internal", why: 'Patterns built from config should be compiled when the config loads and cached by pattern string.' },
  ],
  verification: [
    { name: 'Container CPU', promql: 'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="$NAMESPACE", container="$CONTAINER"}[5m]))', expect: 'Drops by the share regexp compilation had in the profile.' },
    { name: 'Allocation rate', promql: 'sum(rate(go_memstats_alloc_bytes_total{job="$JOB"}[5m]))', expect: 'Falls sharply: compiled programs are no longer rebuilt per call.' },
    { name: 'Handler latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="$JOB"}[5m])))', expect: 'p99 of the matching path drops.' },
  ],
  rollback: [
    'If a cached pattern becomes stale after config reload, roll back with kubectl rollout undo and rebuild the cache on reload.',
    'Keep the benchmark that shows compile cost so the regression is caught in review.',
  ],
  examples: [
    `      flat  flat%   sum%        cum   cum%
     0.92s  9.80%  9.80%      4.41s 46.97%  regexp.compile
     0.71s  7.56% 17.36%      2.10s 22.36%  regexp/syntax.Parse
     0.58s  6.18% 23.54%      0.98s 10.44%  regexp/syntax.(*parser).push
     0.44s  4.69% 28.23%      1.31s 13.95%  regexp.compileOnePass
     0.30s  3.19% 31.42%      4.62s 49.20%  github.com/acme/waf.(*Rule).Matches`,
    `The log filter calls regexp.MatchString(pattern, line) for every line. MatchString compiles the pattern on each call, so we spend more time compiling than matching. Precompile the patterns once when the config loads.`,
    `正则每次请求都 MustCompile 一遍，profile 里 regexp/syntax.Parse 和 regexp.compile 占了快一半 CPU，挪到包级变量之后 CPU 降了 40%。`,
    `perf: hoist regexp.MustCompile out of validateEmail. It was called per request and showed up as the top allocation site (regexp/syntax.(*compiler).inst).`,
    `Code review on the slug validator: the pattern is a constant, yet regexp.MustCompile runs inside the function on each invocation. A *regexp.Regexp can be shared by goroutines, so declare it once next to the imports.`,
    `The router builds a regexp from each route template on every request to match path parameters. With 300 routes, regexp.Compile is 60% of CPU.`,
    `BenchmarkSanitize/compile-per-call-8     52120    22841 ns/op   40120 B/op   311 allocs/op
BenchmarkSanitize/precompiled-8         1408221      852 ns/op      64 B/op     2 allocs/op`,
    `html/template Parse is called inside the handler for every page view; template parsing and escaping analysis dominate the flame graph. Parse once at start-up and Execute per request.`,
    `regexp.onePassCopy and regexp.makeOnePass show up in the CPU profile of the ingest service. The pattern is rebuilt with fmt.Sprintf from the tenant name for every event.`,
    `正则编译放在了 for 循环里面，每处理一行日志都重新编译一次，CPU 很高，改成循环外编译一次。`,
    `The date sniffer builds its regexp inside detectFormat, which runs for each CSV cell; on a 2M-cell file that is 2M compilations. Hoisting it made the import 30x faster.`,
    `Label matching in the query engine recompiles =~ matchers for every series; caching compiled matchers by pattern string cut query CPU in half.`,
    `pprof list output:
     .      3.21s     88:   re := regexp.MustCompile(` + '`' + `^[a-z0-9-]+\\.internal$` + '`' + `)
     .      0.12s     89:   if !re.MatchString(host) {
Compile is 26x more expensive than the match.`,
    `Our middleware checks user agents against a list of bot patterns by calling regexp.Compile(p) for each pattern on each request. That is 40 compilations per request.`,
    `CPU 分析：regexp.(*Regexp).doExecute 不高，高的是 regexp.Compile，说明不是正则匹配慢，是编译太频繁。`,
    `text/template.New("msg").Parse(tpl) is called per notification. In a burst of 100k notifications the parser (text/template/parse.(*Tree).parse) eats all the CPU.`,
    `We compile a regexp per validation rule per request in the schema validator; memoize compiled patterns in a sync.Map keyed by the pattern string.`,
    `Flame graph of the API pod: wide bar regexp.MustCompile under (*Router).ServeHTTP. Compiled regexps were created inside the handler closure instead of once outside it.`,
    `High allocation rate traced to regexp/syntax: (*parser).newRegexp, (*parser).literal, (*compiler).init — all from strings.Replace helper that builds a regexp for each call.`,
    `fix: cache compiled regexes for relabel rules; previously each scrape compiled every rule again which doubled the scrape CPU on targets with many series.`,
    `代码评审：这个函数每次调用都 regexp.MustCompile，而 pattern 是常量，应该提到 var 里，否则高并发下 CPU 会被编译吃掉。`,
    `The URL rewrite rules are strings in the config; the proxy calls regexp.Compile(rule.From) on every request before matching. At 20k rps that is 20k compiles per second per rule.`,
    `Profile shows regexp/syntax.(*parser).parseClass and regexp/syntax.simplify1 in the hot path of the tokenizer. Pattern never changes between calls.`,
    `Replace per-call regexp compilation with a precompiled package variable; benchmark shows 18x speedup and 95% fewer allocations in ParseLine.`,
    `Slow log parsing: every line calls regexp.MustCompile(fmt.Sprintf(pattern, field)). Build the regexps once per field at init.`,
    `Precompile the regular expressions used by the sanitizer. They were compiled inside the function on every call, which made regexp.Compile the top CPU consumer.`,
    `Calling regexp.MatchString in a loop compiles the pattern each time; for 1M log lines the parser spends most of its time in regexp/syntax.Parse.`,
    `正则表达式放在函数里，每次调用都重新 MustCompile，压测时 CPU 大部分在 regexp.compile 和 regexp/syntax，提到全局变量后恢复。`,
    `The template engine re-parses the template text on every render because the parsed *template.Template is not cached. CPU is dominated by text/template/parse.`,
    `perf: cache compiled route patterns. Each request compiled ~50 regexps to match routes, allocating ~200KB per request.`,
    `Our validation library builds the regexp from the struct tag each time it validates a field; caching the compiled regexp per tag fixes the CPU usage.`,
    `**Describe the bug**
Parsing large log files became slow in 2.1: the new parser compiles its regular expressions for every line (regexp.MustCompile inside parseLine), which dominates the CPU profile.

**To Reproduce**
1. Parse a 1GB log file

**Expected behavior**
Same speed as 2.0.

**Environment**
- Version: 2.1.0
- Go version: go1.21.9
- OS: Windows 11`,
  ],
};
