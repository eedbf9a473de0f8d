package main

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var deadlockCycleMode = mode{
	name:     "deadlock-cycle",
	class:    "deadlock-cycle",
	workload: "2 goroutines run main.(*stockStore).refreshCacheFromDB (locks cacheMu then dbMu) and 2 run flushCacheToDB (dbMu then cacheMu), pausing 2 ms between the two locks: they deadlock within milliseconds (lock-order inversion). ~5 requests/s then pile up in sync.(*Mutex).Lock: main.(*stockStore).lookupStock on cacheMu and recordSale on dbMu (capped at 2,000).",
	start:    startDeadlockCycle,
}

const maxStuckRequests = 2000

var stuckRequests atomic.Int64

type stockStore struct {
	cacheMu sync.Mutex
	cache   map[string]int
	dbMu    sync.Mutex
	db      map[string]int
}

func startDeadlockCycle(ctx context.Context, r *runner) {
	s := &stockStore{cache: map[string]int{}, db: map[string]int{"sku-1": 10}}
	// The lock-cycle goroutines are deliberately untracked: once deadlocked they cannot
	// observe ctx, and a mode switch must not wait for them.
	for range 2 {
		go s.runCacheRefresher(ctx)
		go s.runCacheFlusher(ctx)
	}
	startMetricsReporter(ctx, r)
	r.Go(func() {
		paced(ctx, 5, func(seq int) { s.serveStockRequest(seq) })
	})
}

func (s *stockStore) runCacheRefresher(ctx context.Context) {
	for ctx.Err() == nil {
		s.refreshCacheFromDB()
	}
}

func (s *stockStore) runCacheFlusher(ctx context.Context) {
	for ctx.Err() == nil {
		s.flushCacheToDB()
	}
}

// serveStockRequest is the request path: it times out like an HTTP handler would, but
// the goroutine doing the work stays stuck on the deadlocked mutex forever.
func (s *stockStore) serveStockRequest(seq int) {
	if stuckRequests.Add(1) > maxStuckRequests {
		stuckRequests.Add(-1)
		return
	}
	done := make(chan int, 1)
	sku := "sku-" + strconv.Itoa(seq%50)
	if seq%3 == 0 {
		go func() { done <- s.recordSale(sku, 1); stuckRequests.Add(-1) }()
	} else {
		go func() { done <- s.lookupStock(sku); stuckRequests.Add(-1) }()
	}
	select {
	case <-done:
	case <-time.After(50 * time.Millisecond):
	}
}

// refreshCacheFromDB takes cacheMu, then dbMu.
func (s *stockStore) refreshCacheFromDB() {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	time.Sleep(2 * time.Millisecond) // e.g. invalidating entries
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	for k, v := range s.db {
		s.cache[k] = v
	}
}

// flushCacheToDB takes dbMu, then cacheMu: the opposite order.
func (s *stockStore) flushCacheToDB() {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	time.Sleep(2 * time.Millisecond) // e.g. opening a transaction
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	for k, v := range s.cache {
		s.db[k] = v
	}
}

func (s *stockStore) lookupStock(sku string) int {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	return s.cache[sku]
}

func (s *stockStore) recordSale(sku string, units int) int {
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	s.db[sku] -= units
	return s.db[sku]
}
