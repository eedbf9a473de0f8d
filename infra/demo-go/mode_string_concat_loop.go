package main

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
)

var stringConcatLoopMode = mode{
	name:     "string-concat-loop",
	class:    "string-concat-loop",
	workload: "Workers render 1,500-3,000-row CSV sales reports with `report += formatSalesRow(r)` in main.renderCSVReport (quadratic copying); CPU is runtime.concatstrings -> memmove/mallocgc plus the GC it causes.",
	start:    startStringConcatLoop,
}

type salesRow struct {
	Region string
	SKU    string
	Units  int
	Cents  int64
}

var reportSink atomic.Int64 // keeps the compiler from discarding reports

func startStringConcatLoop(ctx context.Context, r *runner) {
	for w := range r.workers {
		r.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 3))
			for ctx.Err() == nil {
				rows := make([]salesRow, 1500+rng.IntN(1500))
				for i := range rows {
					rows[i] = salesRow{Region: []string{"emea", "amer", "apac"}[i%3], SKU: "sku-" + strconv.Itoa(rng.IntN(99999)), Units: rng.IntN(500), Cents: rng.Int64N(1e7)}
				}
				reportSink.Add(int64(len(renderCSVReport(rows))))
			}
		})
	}
}

// renderCSVReport is the anti-pattern: += on a string copies the whole report each row.
func renderCSVReport(rows []salesRow) string {
	report := "region,sku,units,revenue\n"
	for _, r := range rows {
		report += formatSalesRow(r)
	}
	return report
}

func formatSalesRow(r salesRow) string {
	return r.Region + "," + r.SKU + "," + strconv.Itoa(r.Units) + "," + strconv.FormatInt(r.Cents/100, 10) + "." + strconv.FormatInt(r.Cents%100, 10) + "\n"
}
