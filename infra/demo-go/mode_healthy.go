package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

var healthyMode = mode{
	name:     "healthy",
	class:    "healthy",
	workload: "Each worker handles a few hundred orders/s: encodes a typed order (20-60 lines) to JSON, decodes it back into typed structs (main.handleOrderTyped), prices it, sha256-hashes the body as an ETag and keeps the last 256 summaries in a bounded ring; sleeps 1 ms between requests. Stable goroutine count and heap. No anti-pattern.",
	start:    startHealthy,
}

type orderLine struct {
	SKU       string `json:"sku"`
	Qty       int    `json:"qty"`
	UnitCents int64  `json:"unit_cents"`
}

type order struct {
	ID        string      `json:"id"`
	Customer  string      `json:"customer"`
	Currency  string      `json:"currency"`
	Lines     []orderLine `json:"lines"`
	CreatedAt time.Time   `json:"created_at"`
}

type orderSummary struct {
	ID         string
	TotalCents int64
	Lines      int
	ETag       [sha256.Size]byte
}

// recentOrders is a fixed-size ring: memory stays flat however long the mode runs.
type recentOrders struct {
	mu   sync.Mutex
	buf  [256]orderSummary
	next int
}

func (r *recentOrders) add(s orderSummary) {
	r.mu.Lock()
	r.buf[r.next%len(r.buf)] = s
	r.next++
	r.mu.Unlock()
}

func startHealthy(ctx context.Context, r *runner) {
	recent := &recentOrders{}
	for w := range r.workers {
		r.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for seq := 0; ; seq++ {
				body, err := json.Marshal(sampleOrder(rng, w, seq))
				if err == nil {
					if sum, err := handleOrderTyped(body); err == nil {
						sum.ETag = sha256.Sum256(body)
						recent.add(sum)
					}
				}
				if !pause(ctx, time.Millisecond) {
					return
				}
			}
		})
	}
}

func sampleOrder(rng *rand.Rand, worker, seq int) order {
	o := order{
		ID:        fmt.Sprintf("o-%d-%d", worker, seq),
		Customer:  fmt.Sprintf("c-%04d", rng.IntN(5000)),
		Currency:  "EUR",
		CreatedAt: time.Now().UTC(),
	}
	for i := range 20 + rng.IntN(40) {
		o.Lines = append(o.Lines, orderLine{SKU: fmt.Sprintf("sku-%03d", i*7+rng.IntN(7)), Qty: 1 + rng.IntN(4), UnitCents: int64(199 + rng.IntN(9800))})
	}
	return o
}

// handleOrderTyped decodes into typed structs: the healthy way to do JSON.
func handleOrderTyped(body []byte) (orderSummary, error) {
	var o order
	if err := json.Unmarshal(body, &o); err != nil {
		return orderSummary{}, err
	}
	return orderSummary{ID: o.ID, TotalCents: priceOrder(o), Lines: len(o.Lines)}, nil
}

func priceOrder(o order) int64 {
	var total int64
	for _, l := range o.Lines {
		total += int64(l.Qty) * l.UnitCents
	}
	return total + total*20/100 // VAT
}
