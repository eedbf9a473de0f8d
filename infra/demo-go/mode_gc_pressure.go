package main

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
)

var gcPressureMode = mode{
	name:     "gc-pressure",
	class:    "gc-pressure",
	workload: "A pointer-dense live set of 100,000 user profiles plus workers that parse click events in main.parseClickEvent into freshly allocated structs, maps, small strings and []*header slices; each worker keeps only the last 8,192 events for de-duplication, so everything else dies young (main.handleClickEvent). CPU is dominated by runtime.mallocgc, gcBgMarkWorker, GC marking (scanSpan/scanObject) and assists.",
	start:    startGCPressure,
}

type userProfile struct {
	ID      int64
	Name    string
	Tags    []string
	Friends []*userProfile
	Attrs   map[string]string
}

type header struct {
	Key, Value string
}

type clickEvent struct {
	User    *userProfile
	Page    string
	Headers []*header
	Attrs   map[string]string
	Path    []*string
}

var clickSink atomic.Int64

// Header and attribute names as a parser would intern them (no per-event concatenation).
var (
	headerNames = []string{"accept", "accept-encoding", "accept-language", "cache-control", "content-type", "cookie",
		"host", "origin", "referer", "user-agent", "x-request-id", "x-forwarded-for"}
	attrNames = []string{"campaign", "country", "device", "experiment", "locale", "source"}
)

// dedupWindowSize is how many recent events each worker remembers for de-duplication:
// medium-lived objects that every GC cycle has to mark again.
const dedupWindowSize = 8192

func startGCPressure(ctx context.Context, r *runner) {
	// Live only while the workers run: a mode switch makes it garbage.
	live := buildUserProfiles(100000)
	for w := range r.workers {
		r.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 5))
			window := make([]*clickEvent, dedupWindowSize)
			for i := 0; ctx.Err() == nil; i++ {
				handleClickEvent(live, window, i, rng)
			}
		})
	}
}

func buildUserProfiles(n int) []*userProfile {
	users := make([]*userProfile, n)
	for i := range users {
		users[i] = &userProfile{ID: int64(i), Name: "user-" + strconv.Itoa(i), Tags: []string{"a", "b"}, Attrs: map[string]string{"plan": "pro"}}
	}
	for i, u := range users {
		for j := 1; j <= 4; j++ {
			u.Friends = append(u.Friends, users[(i*7+j*13)%n])
		}
	}
	return users
}

func handleClickEvent(users []*userProfile, window []*clickEvent, batch int, rng *rand.Rand) {
	var touched int64
	for i := range 64 {
		ev := parseClickEvent(users, rng)
		touched += int64(len(ev.Headers) + len(ev.Attrs))
		window[(batch*64+i)%len(window)] = ev
	}
	clickSink.Add(touched)
}

// parseClickEvent allocates a fresh object graph per event that is garbage right after.
func parseClickEvent(users []*userProfile, rng *rand.Rand) *clickEvent {
	ev := &clickEvent{User: users[rng.IntN(len(users))], Page: "/p/" + strconv.Itoa(rng.IntN(1000)), Attrs: make(map[string]string, 8)}
	for _, name := range headerNames {
		ev.Headers = append(ev.Headers, &header{Key: name, Value: strconv.Itoa(rng.IntN(1 << 20))})
	}
	for i, name := range attrNames {
		ev.Attrs[name] = ev.Headers[i].Value
	}
	for _, f := range ev.User.Friends {
		name := f.Name
		ev.Path = append(ev.Path, &name)
	}
	return ev
}
