package main

import (
	"context"
	"crypto/sha256"
	"strconv"
	"sync"
	"time"
)

var mutexContentionMode = mode{
	name:     "mutex-contention",
	class:    "mutex-contention",
	workload: "32 goroutines call main.(*limiterRegistry).allow for ~2,000 API keys; it holds one global sync.Mutex while refilling the token bucket and sha256-fingerprinting the key for an audit trail, so callers queue on the lock.",
	start:    startMutexContention,
}

type tokenBucket struct {
	tokens     float64
	lastRefill time.Time
	audit      [sha256.Size]byte
}

// limiterRegistry guards every bucket with one mutex: the contention hot spot.
type limiterRegistry struct {
	mu      sync.Mutex
	buckets map[string]*tokenBucket
}

func startMutexContention(ctx context.Context, r *runner) {
	reg := &limiterRegistry{buckets: make(map[string]*tokenBucket)}
	callers := 16 * r.workers
	for c := range callers {
		r.Go(func() {
			for i := c; ctx.Err() == nil; i += callers {
				reg.allow("api-key-"+strconv.Itoa(i%2000), time.Now())
			}
		})
	}
}

// allow does all its work, including the needless hashing, while holding the lock.
func (l *limiterRegistry) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &tokenBucket{tokens: 10, lastRefill: now}
		l.buckets[key] = b
	}
	b.tokens = min(10, b.tokens+now.Sub(b.lastRefill).Seconds()*5)
	b.lastRefill = now
	payload := []byte(key + "|" + now.Format(time.RFC3339Nano))
	for range 16 {
		b.audit = sha256.Sum256(append(payload, b.audit[:]...))
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
