package main

import (
	"context"
	"encoding/json"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

// startMetricsReporter is ordinary background work for the otherwise quiet modes: every
// 100 ms it serialises a stats snapshot (~100 KB of garbage). Besides realism it keeps
// the GC cycling, and only a GC stamps a parked goroutine's wait start, so without it
// goroutine dumps would never show "[..., N minutes]".
func startMetricsReporter(ctx context.Context, r *runner) {
	r.Go(func() {
		for pause(ctx, 100*time.Millisecond) {
			metricsBytes.Store(int64(len(encodeMetricsSnapshot())))
		}
	})
}

var metricsBytes atomic.Int64 // size of the last snapshot, as a scrape endpoint would serve it

func encodeMetricsSnapshot() []byte {
	snap := make(map[string]any, 1024)
	snap["goroutines"] = runtime.NumGoroutine()
	for i := range 1000 {
		snap["http_requests_total{route=\"r"+strconv.Itoa(i)+"\"}"] = []int64{int64(i), int64(i * 2), int64(i * 3)}
	}
	b, _ := json.Marshal(snap)
	return b
}
