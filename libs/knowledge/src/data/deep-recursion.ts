import { type RootCauseEntryInput } from '../knowledge.schema';

export const deepRecursion: RootCauseEntryInput = {
  id: 'deep-recursion',
  title: { en: 'Runaway recursion or over-deep call chain', zh: '递归失控 / 调用链过深' },
  summary: {
    en: 'A function calls itself (directly, through a String/MarshalJSON method, or through a cycle in the data such as a $ref or parent pointer) without a depth limit, or a middleware chain is wrapped again on every reload. Stacks grow past ~50 frames; at the extreme the runtime aborts with "goroutine stack exceeds 1000000000-byte limit" and "fatal error: stack overflow".',
    zh: '函数无深度限制地调用自己（直接递归、通过 String/MarshalJSON 方法间接递归，或数据里有环，如 $ref、父指针），或者中间件链每次热加载都再包一层。调用栈超过 ~50 层，极端时运行时报 "goroutine stack exceeds 1000000000-byte limit" 和 "fatal error: stack overflow" 直接崩溃。',
  },
  signals: [
    { source: 'log', text: 'runtime: goroutine stack exceeds 1000000000-byte limit / fatal error: stack overflow / runtime: sp=... stack=[...]' },
    { source: 'go-dump', text: 'the same frame repeated hundreds of times, "...additional frames elided..."' },
    { source: 'profile', text: 'runtime.morestack, runtime.newstack, runtime.copystack visible in CPU; pprof traces deeper than 50 frames' },
    { source: 'log', text: 'exceeded maximum template depth, exceeded max recursion depth, json: unsupported value: encountered a cycle' },
    { source: 'kubectl', text: 'container restarts with exit code 2 right after a specific request (Go panic exit status), not 137' },
  ],
  alertRules: [],
  relatedAlertRules: ['KubePodCrashLooping'],
  confusableWith: [
    { classId: 'k8s-crashloop', howToTell: 'A crash loop caused by stack overflow is this class when the log shows stack exceeds limit; a crash loop from config errors at start-up is k8s-crashloop.' },
    { classId: 'heap-leak', howToTell: 'Stack memory (go_memstats_stack_inuse_bytes) grows, not heap inuse at an allocation site.' },
  ],
  runbook: [
    { title: 'Get the crash output of the previous container', command: 'kubectl -n $NAMESPACE logs $POD -c $CONTAINER --previous | grep -n -E "stack overflow|stack exceeds|additional frames elided" ', why: 'Confirms the runtime aborted on stack size, not on memory or a panic.' },
    { title: 'Count the repeating frames', command: "kubectl -n $NAMESPACE logs $POD -c $CONTAINER --previous | grep -E '^[a-zA-Z0-9_./*()-]+\\(' | sed 's/(.*//' | sort | uniq -c | sort -rn | head", why: 'The frame repeated hundreds of times is the recursive function (or the cycle between two functions).' },
    { title: 'Look for deep stacks in a live profile', command: "go tool pprof -traces http://localhost:6060/debug/pprof/goroutine | awk '/-----------/{if(n>50)print n; n=0; next}{n++}' | sort -rn | head", why: 'Shows how deep the live stacks are before the crash happens.' },
    { title: 'Let go vet catch recursive String methods', command: 'go vet ./... 2>&1 | grep -i "recursive"', why: 'vet reports Sprintf calls that recurse into the same String method.' },
    { title: 'Reproduce with a small stack limit in a test', command: "go test -run TestDeepInput -v ./pkg/parser/... # test sets debug.SetMaxStack(1<<20)", why: 'A low limit turns the overflow into a fast, deterministic test before the fix (depth limit or iteration) lands.' },
  ],
  verification: [
    { name: 'Container restarts', promql: 'sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="$NAMESPACE", container="$CONTAINER"}[1h]))', expect: 'Restarts tied to the crashing input stop after the depth limit or iterative rewrite.' },
    { name: 'Stack memory in use', promql: 'max by (pod) (go_memstats_stack_inuse_bytes{job="$JOB"})', expect: 'Spikes to hundreds of MB before a crash; stays flat once recursion is bounded.' },
    { name: 'Panics / 5xx on the affected route', promql: 'sum(rate(http_requests_total{job="$JOB", code=~"5.."}[5m]))', expect: 'Errors on the deep inputs disappear (or become 4xx depth-limit rejections).' },
  ],
  rollback: [
    'If the depth limit rejects legitimate documents, raise it via configuration rather than removing it.',
    'Roll back with kubectl -n $NAMESPACE rollout undo deployment/$DEPLOYMENT if the iterative rewrite changes output order or results.',
    'Keep the input that triggered the overflow as a regression test case.',
  ],
  examples: [
    `runtime: goroutine stack exceeds 1000000000-byte limit
runtime: sp=0xc0401e0398 stack=[0xc0401e0000, 0xc0601e0000]
fatal error: stack overflow

goroutine 47 [running]:
github.com/acme/schema.(*Resolver).resolve(0xc000124a80, {0xc0002b6e40, 0x1d})
	/src/schema/resolve.go:88 +0x2f1 fp=0xc0401e03a8 sp=0xc0401e03a0
github.com/acme/schema.(*Resolver).resolve(0xc000124a80, {0xc0002b6e60, 0x1d})
	/src/schema/resolve.go:97 +0x1a5
github.com/acme/schema.(*Resolver).resolve(0xc000124a80, {0xc0002b6e40, 0x1d})
	/src/schema/resolve.go:97 +0x1a5
...additional frames elided...`,
    `The String() method of Duration calls fmt.Sprintf("%v", d) on itself, which calls String() again: infinite recursion and the process dies with fatal error: stack overflow.`,
    `Rewrite the tree walk iteratively with an explicit stack. Documents nested more than ~100k levels crashed the service with a stack overflow.`,
    `Each config reload wraps the existing handler chain in the middleware again instead of rebuilding it from scratch, so depth grows with every reload. After a week, traces show 400 frames of middleware.(*Chain).ServeHTTP.`,
    `线上 panic：fatal error: stack overflow，栈里几百层 resolveRef 自己调自己，$ref 循环引用没做检测，加了 visited 集合就好了。`,
    `runtime.morestack and runtime.copystack take 15% of CPU; goroutine stacks keep doubling because the expression parser recurses once per nested parenthesis.`,
    `A crafted request with deeply nested arrays [[[[[[...]]]]]] exhausts the goroutine stack in the decoder (uncontrolled recursion). We now enforce a maximum nesting depth of 10000.`,
    `template: page:1:14: executing "page" at <template "page" .>: exceeded maximum template depth (100000)`,
    `Stack depth in the pprof traces is over 200 frames; 180 of them are the same (*Walker).visit. The graph has a cycle through the parent pointer, so the walk never terminates until the stack limit.`,
    `递归太深了，直接改成迭代 + 显式栈。`,
    `json: unsupported value: encountered a cycle via *model.Node — the child keeps a pointer to its parent, and a custom MarshalJSON on the parent marshals the children, which marshal the parent again.`,
    `goroutine 1 [running]:
main.flatten({0xc00011e000, 0x2, 0x2}, 0x4e1f)
	/app/main.go:41 +0x95 fp=0xc020160390 sp=0xc020160388 pc=0x48f2d5
main.flatten({0xc00011e010, 0x2, 0x2}, 0x4e1e)
	/app/main.go:44 +0x67 fp=0xc0201603f0 sp=0xc020160390 pc=0x48f2a7
main.flatten({0xc00011e020, 0x2, 0x2}, 0x4e1d)
	/app/main.go:44 +0x67 fp=0xc020160450 sp=0xc0201603f0 pc=0x48f2a7
...additional frames elided...
exit status 2`,
    `Pods restart with exit code 2 every time a customer uploads a particular JSON schema; the previous container log ends with "runtime: goroutine stack exceeds 1000000000-byte limit".`,
    `fix: stop unbounded recursion in mergeMaps when two maps reference each other. Added a depth guard (max 64) and a test with a self-referencing map.`,
    `The permission resolver walks the role hierarchy recursively. Someone created role A inheriting B and B inheriting A; the next login request crashed the auth service with stack overflow.`,
    `堆栈一看全是同一个函数：handler.(*Router).dispatch -> dispatch -> dispatch ... 重复了 5000 多层，路由配置里有个规则把请求转发给自己了。`,
    `proto: exceeded maximum recursion depth while unmarshalling message; a client sends recursively nested Struct values (google.protobuf.Value inside ListValue inside Value...)`,
    `Our flame graph looks like a very tall thin tower: more than 60 frames of the same middleware wrappers (auth -> logging -> auth -> logging ...) per request. Plugins are registered twice on every hot reload.`,
    `Rolling the recursive quicksort into an iterative version. On already sorted input with 1M elements the recursion depth was 1M and the goroutine blew its stack.`,
    `fatal error: stack overflow

runtime stack:
runtime.throw({0x9c2f1e?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1047 +0x5d
runtime.newstack()
	/usr/local/go/src/runtime/stack.go:1103 +0x5cc
runtime.morestack()
	/usr/local/go/src/runtime/asm_amd64.s:570 +0x8b

goroutine 112 [running]:
github.com/acme/expr.(*Evaluator).eval(0xc0003a2000, {0xb21040, 0xc0002e8f00})`,
    `Crash when a directory contains a symlink loop: filepath walk follows the link, recurses into itself, and the daemon dies with a stack overflow instead of returning "too many levels of symbolic links".`,
    `告警：服务 5 分钟内重启 6 次。看 previous 日志最后是 goroutine stack exceeds 1000000000-byte limit，某个请求的嵌套 JSON 有几十万层。`,
    `The GraphQL resolver has no query depth limit, so a query like { a { a { a { ... } } } } with 100k levels recurses in the executor until the stack overflows. Add max depth validation.`,
    `copystack shows up in every CPU profile of the parser service: each deep document makes the goroutine stack grow from 8KB to several MB, copying the whole stack on each doubling.`,
    `Recursive call never ends because the base case compares pointers, not values: (*Node).Equal calls Equal on children, which calls back into the parent via the Prev link.`,
    `panic: runtime error: stack overflow in (*Config).Merge — includes: [a.yaml] in b.yaml and includes: [b.yaml] in a.yaml. Detect include cycles before merging.`,
    `Error() method on MyErr calls fmt.Errorf("wrap: %v", e) and then .Error() on the result, which formats e again: infinite recursion. Go vet: "Sprintf format %v with arg e causes recursive Error method call".`,
    `解析器用递归下降，没限制嵌套层数，fuzz 出来一个 5MB 全是 "{" 的输入，直接 stack overflow 崩了，加了 maxDepth=512。`,
    `Deep call stacks (~120 frames) in every trace because the interceptor chain is rebuilt per request with append on a shared slice; interceptors accumulate over time.`,
    `Rolling update fixed nothing: the new pods crash the same way, "fatal error: stack overflow" right after replaying the message from the queue whose payload references itself.`,
    `Replace recursive directory traversal with an iterative queue. Users with extremely deep directory structures (tens of thousands of levels, created by a buggy sync tool) crashed the indexer.`,
    `Turned the recursive permission resolver into a loop over an explicit queue; very long inheritance chains used to crash it with a stack overflow.`,
    `Infinite recursion between (*Node).MarshalJSON and (*Tree).MarshalJSON: each calls json.Marshal on the other. The process dies with a huge stack trace that repeats the same two frames.`,
    `The middleware chain gets longer after every hot reload because handlers are wrapped on top of the previous chain; after a few days the stack traces are hundreds of frames deep and latency increases.`,
    `递归没有终止条件：权限继承里出现了环（A 继承 B，B 又继承 A），请求进来就无限递归，直到栈溢出进程崩溃。`,
    `panic: runtime error: stack overflow — reproduced with a YAML file that uses anchors and aliases to build a self-referencing structure; the merge function recurses forever.`,
    `Deeply nested JSON (depth 50k) sent by a fuzzer causes uncontrolled recursion in our validator. Added a maximum depth of 1000 and return 400 above it.`,
    `**Describe the bug**
The CLI crashes with fatal error: stack overflow when the input file contains a schema that references itself.

**To Reproduce**
1. Create a schema with a $ref to its own root
2. Run validate

**Expected behavior**
A clear error about the cyclic reference.

**Environment**
- Version: 1.9.2
- Go version: go1.22.1
- OS: macOS 14`,
  ],
};
