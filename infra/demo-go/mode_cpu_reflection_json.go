package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

var cpuReflectionJSONMode = mode{
	name:     "cpu-reflection-json",
	class:    "cpu-reflection-json",
	workload: "Workers loop on ~8 KB order documents: main.handleOrderGeneric json.Unmarshal's each into map[string]interface{}, walks it with type switches (main.walkGeneric), json.Marshal's it for an audit log and decodes the audit copy again into interface{}. CPU is encoding/json + reflect + mallocgc.",
	start:    startCPUReflectionJSON,
}

func startCPUReflectionJSON(ctx context.Context, r *runner) {
	docs := make([][]byte, 8)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range docs {
		docs[i] = genericOrderDocument(rng, i)
	}
	for w := range r.workers {
		r.Go(func() {
			for i := w; ctx.Err() == nil; i++ {
				_, _ = handleOrderGeneric(docs[i%len(docs)])
			}
		})
	}
}

// genericOrderDocument builds a nested ~8 KB order with free-form attributes.
func genericOrderDocument(rng *rand.Rand, n int) []byte {
	lines := make([]any, 0, 30)
	for i := range 30 {
		lines = append(lines, map[string]any{
			"sku":        fmt.Sprintf("sku-%05d", rng.IntN(100000)),
			"qty":        1 + rng.IntN(9),
			"unit_price": float64(rng.IntN(100000)) / 100,
			"discounted": rng.IntN(3) == 0,
			"attributes": map[string]any{"color": "blue", "size": []any{"S", "M", "L"}[i%3], "weight_g": rng.IntN(5000)},
			"tags":       []any{"promo", "fragile", fmt.Sprintf("batch-%d", rng.IntN(99))},
		})
	}
	doc := map[string]any{
		"id":       fmt.Sprintf("ord-%d", n),
		"customer": map[string]any{"id": rng.IntN(1e6), "name": "Ada Lovelace", "vip": n%2 == 0, "addresses": []any{map[string]any{"city": "Lyon", "zip": "69001"}}},
		"lines":    lines,
		"meta":     map[string]any{"channel": "web", "experiment": nil, "scores": []any{0.1, 0.5, 0.9}},
	}
	b, _ := json.Marshal(doc)
	return b
}

type genericStats struct {
	objects, arrays, numbers, strings int
	sum                               float64
}

// handleOrderGeneric is the anti-pattern: untyped decoding, reflective walking and
// re-encoding of the whole document on every request.
func handleOrderGeneric(body []byte) (genericStats, error) {
	var doc map[string]interface{}
	if err := json.Unmarshal(body, &doc); err != nil {
		return genericStats{}, err
	}
	var st genericStats
	walkGeneric(doc, &st)
	audit, err := json.Marshal(doc)
	if err != nil {
		return st, err
	}
	var echo interface{}
	if err := json.NewDecoder(bytes.NewReader(audit)).Decode(&echo); err != nil {
		return st, err
	}
	walkGeneric(echo, &st)
	return st, nil
}

func walkGeneric(v interface{}, st *genericStats) {
	switch t := v.(type) {
	case map[string]interface{}:
		st.objects++
		for _, child := range t {
			walkGeneric(child, st)
		}
	case []interface{}:
		st.arrays++
		for _, child := range t {
			walkGeneric(child, st)
		}
	case float64:
		st.numbers++
		st.sum += t
	case string:
		st.strings++
	}
}
