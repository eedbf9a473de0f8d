package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeMode counts its running load generators so tests can see them stop.
func fakeMode(name string, running *atomic.Int64) mode {
	return mode{name: name, class: name, start: func(ctx context.Context, r *runner) {
		for range r.workers {
			running.Add(1)
			r.Go(func() {
				defer running.Add(-1)
				for pause(ctx, time.Millisecond) {
				}
			})
		}
	}}
}

func TestSwitchStopsPreviousMode(t *testing.T) {
	var a, b atomic.Int64
	c := newController([]mode{fakeMode("a", &a), fakeMode("b", &b)}, 3)
	defer c.Stop()

	if err := c.Switch("a"); err != nil {
		t.Fatal(err)
	}
	if got := a.Load(); got != 3 {
		t.Fatalf("mode a: %d generators running, want 3", got)
	}
	if err := c.Switch("b"); err != nil {
		t.Fatal(err)
	}
	if got := a.Load(); got != 0 {
		t.Fatalf("mode a still has %d generators after switching away", got)
	}
	if got := b.Load(); got != 3 {
		t.Fatalf("mode b: %d generators running, want 3", got)
	}
	if name, _ := c.Current(); name != "b" {
		t.Fatalf("current = %q, want b", name)
	}
	c.Stop()
	if got := b.Load(); got != 0 {
		t.Fatalf("mode b still has %d generators after Stop", got)
	}
}

func TestSwitchUnknownModeKeepsCurrent(t *testing.T) {
	var a atomic.Int64
	c := newController([]mode{fakeMode("a", &a)}, 1)
	defer c.Stop()
	if err := c.Switch("a"); err != nil {
		t.Fatal(err)
	}
	if err := c.Switch("nope"); !errors.Is(err, errUnknownMode) {
		t.Fatalf("err = %v, want errUnknownMode", err)
	}
	if name, _ := c.Current(); name != "a" || a.Load() != 1 {
		t.Fatalf("current = %q with %d generators, want a with 1", name, a.Load())
	}
}

func TestModeEndpoint(t *testing.T) {
	var a, b atomic.Int64
	c := newController([]mode{fakeMode("a", &a), fakeMode("b", &b)}, 1)
	defer c.Stop()
	if err := c.Switch("a"); err != nil {
		t.Fatal(err)
	}
	mux := newMux(c)

	for _, tc := range []struct {
		method, target string
		status         int
		body           string
	}{
		{"POST", "/mode?name=b", http.StatusOK, `"mode": "b"`},
		{"GET", "/mode", http.StatusOK, `"mode": "b"`},
		{"POST", "/mode?name=zzz", http.StatusBadRequest, "unknown mode"},
		{"POST", "/mode", http.StatusBadRequest, "missing"},
		{"GET", "/healthz", http.StatusOK, "ok"},
		{"GET", "/", http.StatusOK, `"name": "a"`},
	} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s = %d %q, want %d containing %q", tc.method, tc.target, rec.Code, rec.Body.String(), tc.status, tc.body)
		}
	}
	if a.Load() != 0 || b.Load() != 1 {
		t.Fatalf("after POST /mode?name=b: a=%d b=%d generators, want 0 and 1", a.Load(), b.Load())
	}
}

func TestCheckListenAddr(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
		ok     bool
	}{
		{"127.0.0.1:6060", false, true},
		{"127.0.0.1:0", false, true},
		{"[::1]:6060", false, true},
		{"localhost:6060", false, true},
		{":6060", false, false},
		{"0.0.0.0:6060", false, false},
		{"10.1.2.3:6060", false, false},
		{"0.0.0.0:6060", true, true},
		{"nocolon", false, false},
	} {
		if err := checkListenAddr(tc.addr, tc.public); (err == nil) != tc.ok {
			t.Errorf("checkListenAddr(%q, %v) = %v, want ok=%v", tc.addr, tc.public, err, tc.ok)
		}
	}
}

// Every real mode must start and stop cleanly (its generators honour ctx).
func TestRealModesStartAndStop(t *testing.T) {
	if testing.Short() {
		t.Skip("starts every mode")
	}
	c := newController(allModes(), 1)
	for _, m := range allModes() {
		if err := c.Switch(m.name); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	done := make(chan struct{})
	go func() { c.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return: a load generator ignores its context")
	}
}
