// Command demo-go is a small HTTP service with switchable Go anti-patterns ("modes"),
// used for memegraph demos, live-capture tests and pprof fixture generation.
// It binds loopback only unless -allow-public is passed: pprof endpoints leak internals.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", envOr("DEMO_ADDR", "127.0.0.1:6060"), "listen address; loopback only unless -allow-public (env DEMO_ADDR)")
	allowPublic := flag.Bool("allow-public", false, "allow binding a non-loopback address (exposes pprof!)")
	modeName := flag.String("mode", envOr("DEMO_MODE", "healthy"), "initial mode (env DEMO_MODE)")
	workers := flag.Int("workers", envInt("DEMO_WORKERS", 2), "load-generator goroutines per mode (env DEMO_WORKERS)")
	flag.Parse()

	if *workers < 1 {
		log.Fatalf("-workers must be >= 1, got %d", *workers)
	}
	if err := checkListenAddr(*addr, *allowPublic); err != nil {
		log.Fatal(err)
	}

	// Sampled, not exhaustive: enough data for mutex/block profiles without the
	// stack-capture cost of rate 1 dominating the CPU profile.
	runtime.SetMutexProfileFraction(5)
	runtime.SetBlockProfileRate(10000)

	ctrl := newController(allModes(), *workers)
	if _, ok := ctrl.lookup(*modeName); !ok {
		log.Fatalf("unknown -mode %q (known: %v)", *modeName, ctrl.names())
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	// "localhost" is accepted by name; make sure it really resolved to loopback.
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !*allowPublic && !tcp.IP.IsLoopback() {
		ln.Close()
		log.Fatalf("refusing to serve on non-loopback %s (pass -allow-public to override)", tcp)
	}

	if err := ctrl.Switch(*modeName); err != nil {
		log.Fatal(err)
	}

	srv := &http.Server{
		Handler:           newMux(ctrl),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		// No WriteTimeout: /debug/pprof/profile?seconds=N must be allowed to stream for N s.
	}
	log.Printf("demo-go listening on http://%s mode=%s workers=%d pid=%d", ln.Addr(), *modeName, *workers, os.Getpid())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	select {
	case sig := <-sigc:
		log.Printf("received %s, shutting down", sig)
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	ctrl.Stop()
}

// checkListenAddr refuses non-loopback listen addresses unless allowPublic is set.
// An empty host (":6060") means every interface and is refused too.
func checkListenAddr(addr string, allowPublic bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad -addr %q: %w", addr, err)
	}
	if allowPublic || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to bind %q: not a loopback address (pass -allow-public to override)", addr)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func envInt(key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		log.Fatalf("%s=%q is not an integer", key, v)
	}
	return n
}
