package main

import (
	"context"
	"sync/atomic"
)

var busyLoopMode = mode{
	name:     "busy-loop",
	class:    "busy-loop",
	workload: "A dispatcher hands out a job every 200 ms; main.pollJobs spins on a `select` with `default:` and main.spinUntilReady spins on an atomic flag instead of blocking, so two goroutines burn a core each doing nothing useful.",
	start:    startBusyLoop,
}

type job struct {
	id int
}

func startBusyLoop(ctx context.Context, r *runner) {
	jobs := make(chan job, 1)
	var ready, stop atomic.Bool
	context.AfterFunc(ctx, func() { stop.Store(true) })
	var handled atomic.Int64
	r.Go(func() { pollJobs(ctx, jobs, &handled) })
	r.Go(func() { spinUntilReady(&ready, &stop, &handled) })
	r.Go(func() { // the dispatcher: work is rare
		paced(ctx, 5, func(seq int) {
			select {
			case jobs <- job{id: seq}:
			default:
			}
			ready.Store(true)
		})
	})
}

// pollJobs should block on the channel; the default case turns it into a spin.
func pollJobs(ctx context.Context, jobs <-chan job, handled *atomic.Int64) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-jobs:
			handled.Add(int64(j.id % 2))
		default:
			// nothing to do: poll again immediately
		}
	}
}

// spinUntilReady polls an atomic flag in a tight loop instead of waiting on a channel.
func spinUntilReady(ready, stop *atomic.Bool, handled *atomic.Int64) {
	for !stop.Load() {
		if ready.Load() {
			ready.Store(false)
			handled.Add(1)
		}
	}
}
