package main

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"time"
)

var goroutineLeakChanMode = mode{
	name:     "goroutine-leak-chan",
	class:    "goroutine-leak-chan",
	workload: "~50 quote requests/s; main.fetchQuote spawns a main.quoteProvider that answers on an unbuffered channel after ~5 ms while the caller gives up after 2 ms, so providers block forever in `chan send`; every answered request (1 in 8) also leaves main.awaitQuoteAck in `chan receive`, every 10th (offset 5) main.watchQuoteUpdates in a `select` with no ready case, every 10th main.awaitPromotion receiving from a nil channel. ~60 leaked goroutines/s, capped at 20,000.",
	start:    startGoroutineLeakChan,
}

const maxLeakedChanGoroutines = 20000

var leakedChanGoroutines atomic.Int64

type quoteRequest struct {
	Seq     int      `json:"seq"`
	Symbols []string `json:"symbols"`
	Notes   string   `json:"notes"`
}

type quote struct {
	Seq   int
	Cents int64
}

func startGoroutineLeakChan(ctx context.Context, r *runner) {
	startMetricsReporter(ctx, r)
	r.Go(func() {
		paced(ctx, 50, func(seq int) { _, _ = fetchQuote(seq) })
	})
}

// spawnLeaky starts a goroutine that is expected to leak, unless the cap is reached.
func spawnLeaky(fn func()) {
	if leakedChanGoroutines.Add(1) > maxLeakedChanGoroutines {
		leakedChanGoroutines.Add(-1)
		return
	}
	go fn()
}

// fetchQuote is the leaky request handler: it abandons the provider on timeout and
// nobody ever drains the unbuffered channel the provider is about to send on.
func fetchQuote(seq int) (quote, bool) {
	req, _ := json.Marshal(quoteRequest{Seq: seq, Symbols: []string{"EURUSD", "GBPUSD", "USDJPY"}, Notes: "priority"})
	replies := make(chan quote) // unbuffered
	spawnLeaky(func() { quoteProvider(seq, len(req), replies) })

	switch {
	case seq%10 == 0:
		var promotions chan quote // nil: never initialised
		spawnLeaky(func() { awaitPromotion(promotions) })
	case seq%5 == 0:
		spawnLeaky(func() { watchQuoteUpdates(make(chan quote), make(chan struct{})) })
	}

	select {
	case q := <-replies:
		// Answered quotes wait for a booking acknowledgement that no code path sends.
		acks := make(chan bool)
		spawnLeaky(func() { awaitQuoteAck(acks) })
		return q, true
	case <-time.After(2 * time.Millisecond):
		return quote{}, false
	}
}

func quoteProvider(seq, reqBytes int, out chan<- quote) {
	if seq%8 != 0 { // most upstreams are slower than the caller's patience
		time.Sleep(5 * time.Millisecond)
	}
	out <- quote{Seq: seq, Cents: int64(reqBytes * 10)} // blocks forever once the caller left
	leakedChanGoroutines.Add(-1)
}

// awaitQuoteAck waits for an acknowledgement nobody will send.
func awaitQuoteAck(acks <-chan bool) {
	<-acks
}

// awaitPromotion receives from a nil channel: blocks forever.
func awaitPromotion(promotions <-chan quote) {
	<-promotions
}

// watchQuoteUpdates selects on channels nobody writes to and has no cancellation case.
func watchQuoteUpdates(updates <-chan quote, closed <-chan struct{}) {
	select {
	case <-updates:
	case <-closed:
	}
}
