package main

import (
	"context"
	"math/rand/v2"
	"regexp"
	"strconv"
	"sync/atomic"
)

var regexCompileHotPathMode = mode{
	name:     "regex-compile-hot-path",
	class:    "regex-compile-hot-path",
	workload: "Workers validate requests in main.validateRequest, which calls regexp.MustCompile for the route and e-mail patterns on every call instead of once at start-up; CPU is regexp.compile / regexp/syntax parsing plus allocation.",
	start:    startRegexCompileHotPath,
}

var validRequests atomic.Int64

func startRegexCompileHotPath(ctx context.Context, r *runner) {
	for w := range r.workers {
		r.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 11))
			for ctx.Err() == nil {
				path := "/api/v2/orders/" + strconv.Itoa(rng.IntN(1e9)) + "/items/sku-" + strconv.Itoa(rng.IntN(1e5))
				email := "buyer" + strconv.Itoa(rng.IntN(1e4)) + "@example.com"
				if validateRequest(path, email) {
					validRequests.Add(1)
				}
			}
		})
	}
}

// validateRequest is the anti-pattern: both patterns are compiled per request.
func validateRequest(path, email string) bool {
	route := regexp.MustCompile(`^/api/v[0-9]+/orders/([0-9]{1,12})/items/([a-z0-9-]{3,40})$`)
	mail := regexp.MustCompile(`^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$`)
	return route.MatchString(path) && mail.MatchString(email)
}
