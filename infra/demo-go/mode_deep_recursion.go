package main

import (
	"context"
	"hash/fnv"
	"strconv"
	"time"
)

var deepRecursionMode = mode{
	name:     "deep-recursion",
	class:    "deep-recursion",
	workload: "Workers repeatedly price category trees with the naive self-recursive main.rollup; the only real work (main.priceLeaf: hashing SKUs, summing prices) happens at the 256 leaves of each tree, 98-138 frames down. One auditor goroutine walks the same way and sleeps at the leaves, so goroutine dumps show the deep stack too.",
	start:    startDeepRecursion,
}

type category struct {
	id       int
	skus     []string
	prices   []int64
	children []*category
}

// buildCategoryTree makes a chain `depth` levels deep whose last 8 levels fan out in two,
// i.e. 256 leaves that all sit deeper than depth frames.
func buildCategoryTree(depth int) *category {
	var build func(level int) *category
	id := 0
	build = func(level int) *category {
		id++
		c := &category{id: id}
		switch {
		case level == depth+8:
			for i := range 48 {
				c.skus = append(c.skus, "sku-"+strconv.Itoa(id)+"-"+strconv.Itoa(i))
				c.prices = append(c.prices, int64(100+(id*31+i*17)%9000))
			}
		case level >= depth:
			c.children = []*category{build(level + 1), build(level + 1)}
		default:
			c.children = []*category{build(level + 1)}
		}
		return c
	}
	return build(0)
}

func startDeepRecursion(ctx context.Context, r *runner) {
	trees := []*category{buildCategoryTree(90), buildCategoryTree(105), buildCategoryTree(118), buildCategoryTree(130)}
	for w := range r.workers {
		r.Go(func() {
			for i := w; ctx.Err() == nil; i++ {
				_ = rollup(trees[i%len(trees)], 0)
			}
		})
	}
	r.Go(func() {
		for i := 0; ctx.Err() == nil; i++ {
			auditCategory(ctx, trees[i%len(trees)])
		}
	})
}

// rollup is the naive self-recursion: one stack frame per category level (depth is
// unused by the logic but shows in tracebacks as the frame's argument).
func rollup(c *category, depth int) int64 {
	if len(c.children) == 0 {
		return priceLeaf(c)
	}
	var total int64
	for _, child := range c.children {
		total += rollup(child, depth+1)
	}
	return total
}

// priceLeaf is the leaf work: fingerprint every SKU and apply a price rule.
func priceLeaf(c *category) int64 {
	var total int64
	h := fnv.New64a()
	for i, sku := range c.skus {
		for round := 0; round < 8; round++ {
			h.Reset()
			h.Write([]byte(sku))
			h.Write([]byte{byte(round)})
			if h.Sum64()%7 == 0 {
				total += c.prices[i] * 9 / 10
			} else {
				total += c.prices[i]
			}
		}
	}
	return total
}

// auditCategory descends to the first leaf of the tree and sleeps there (a slow
// downstream call), parking a goroutine with a >100-frame stack.
func auditCategory(ctx context.Context, c *category) {
	if len(c.children) == 0 {
		pause(ctx, 50*time.Millisecond)
		return
	}
	auditCategory(ctx, c.children[0])
}
