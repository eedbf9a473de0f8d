package main

import (
	"context"
	"fmt"
	"log"
	"math/rand/v2"
	"sync"
)

var heapLeakMode = mode{
	name:     "heap-leak",
	class:    "heap-leak",
	workload: "~100 logins/s in total; main.handleLogin renders a session and main.cacheSession copies it into a fresh 4-16 KB []byte stored forever in a global map (no eviction): live heap grows ~1 MB/s at that one site. Each login also allocates a 32 KB scratch buffer that dies at once (alloc_* only).",
	start:    startHeapLeak,
}

// heapLeakSafetyCap stops the leak before it takes the machine down; it is not eviction.
const heapLeakSafetyCap = 1 << 30

// sessionCache is the anti-pattern: a process-wide map that is only ever added to.
var sessionCache = struct {
	sync.Mutex
	byID  map[string][]byte
	bytes int
}{byID: make(map[string][]byte)}

var heapLeakCapWarning sync.Once

func startHeapLeak(ctx context.Context, r *runner) {
	perWorker := max(1, 100/r.workers)
	for w := range r.workers {
		r.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			paced(ctx, perWorker, func(seq int) {
				handleLogin(rng, fmt.Sprintf("user-%d-%d", w, seq))
			})
		})
	}
}

func handleLogin(rng *rand.Rand, userID string) {
	scratch := make([]byte, 32<<10) // per-request buffer: garbage, not a leak
	n := copy(scratch, "session for "+userID)
	for i := n; i < len(scratch); i += 64 {
		scratch[i] = byte(i)
	}
	size := 4<<10 + rng.IntN(12<<10)
	cacheSession(userID, scratch[:size])
}

// cacheSession is the single leaking allocation site.
//
//go:noinline
func cacheSession(id string, session []byte) {
	sessionCache.Lock()
	defer sessionCache.Unlock()
	if sessionCache.bytes >= heapLeakSafetyCap {
		heapLeakCapWarning.Do(func() { log.Printf("heap-leak: safety cap of %d bytes reached; not caching more", heapLeakSafetyCap) })
		return
	}
	buf := make([]byte, len(session))
	copy(buf, session)
	sessionCache.byID[id] = buf
	sessionCache.bytes += len(buf)
}
