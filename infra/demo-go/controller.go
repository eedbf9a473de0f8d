package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// mode is one switchable behaviour of the service.
type mode struct {
	name     string
	class    string // memegraph root-cause class id it reproduces ("healthy" for none)
	workload string // one line: what the in-process load generators do
	// start launches the mode's load generators via r.Go and returns at once.
	// Generators must return when ctx is done. Goroutines a mode leaks on purpose
	// are started with a plain `go` and are not tracked.
	start func(ctx context.Context, r *runner)
}

// runner tracks the load generators of one mode run so a switch can wait for them.
type runner struct {
	workers int
	wg      sync.WaitGroup
}

// Go starts a tracked load generator.
func (r *runner) Go(fn func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		fn()
	}()
}

var errUnknownMode = errors.New("unknown mode")

// controller owns the current mode; one context per mode run.
type controller struct {
	modes   []mode
	workers int

	mu      sync.Mutex
	current string
	since   time.Time
	cancel  context.CancelFunc
	run     *runner
}

func newController(modes []mode, workers int) *controller {
	return &controller{modes: modes, workers: workers}
}

func (c *controller) lookup(name string) (mode, bool) {
	for _, m := range c.modes {
		if m.name == name {
			return m, true
		}
	}
	return mode{}, false
}

func (c *controller) names() []string {
	out := make([]string, len(c.modes))
	for i, m := range c.modes {
		out[i] = m.name
	}
	return out
}

// Switch stops the current mode's load generators (waiting for them) and starts name.
// Switching to the current mode restarts it.
func (c *controller) Switch(name string) error {
	m, ok := c.lookup(name)
	if !ok {
		return fmt.Errorf("%w %q", errUnknownMode, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopLocked()
	ctx, cancel := context.WithCancel(context.Background())
	r := &runner{workers: c.workers}
	m.start(ctx, r)
	c.current, c.since, c.cancel, c.run = name, time.Now(), cancel, r
	return nil
}

// Stop stops the current mode, if any.
func (c *controller) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopLocked()
	c.current = ""
}

func (c *controller) stopLocked() {
	if c.cancel == nil {
		return
	}
	c.cancel()
	c.run.wg.Wait()
	c.cancel, c.run = nil, nil
}

// Current returns the running mode and when it started ("" if none).
func (c *controller) Current() (string, time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.current, c.since
}

// pause sleeps for d or until ctx is done; it reports whether to keep going.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// paced calls fn about perSecond times a second until ctx is done.
func paced(ctx context.Context, perSecond int, fn func(seq int)) {
	t := time.NewTicker(time.Second / time.Duration(perSecond))
	defer t.Stop()
	for seq := 0; ; seq++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn(seq)
		}
	}
}

// allModes is the mode table, in the order GET / lists it.
func allModes() []mode {
	return []mode{
		healthyMode,
		cpuReflectionJSONMode,
		deepRecursionMode,
		heapLeakMode,
		stringConcatLoopMode,
		goroutineLeakChanMode,
		goroutineLeakNetreadMode,
		mutexContentionMode,
		deadlockCycleMode,
		gcPressureMode,
		busyLoopMode,
		regexCompileHotPathMode,
	}
}
