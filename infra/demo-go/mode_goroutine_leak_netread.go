package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

var goroutineLeakNetreadMode = mode{
	name:     "goroutine-leak-netread",
	class:    "goroutine-leak-netread",
	workload: "~50 stock checks/s; main.checkStock spawns main.readStockReply, which dials an in-process upstream on 127.0.0.1 that accepts but never answers, writes a request line and blocks in conn.Read with no deadline (`IO wait` forever); the caller gives up after 20 ms. Capped at 8,000 connections (2 fds each).",
	start:    startGoroutineLeakNetread,
}

const maxLeakedReaders = 8000

var leakedReaders atomic.Int64

// silentUpstream accepts TCP connections and never writes to them. It lives for the
// whole process: the leaked readers are meant to stay leaked across mode switches.
type silentUpstream struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn // held so they are never closed
}

var (
	upstreamOnce sync.Once
	upstream     *silentUpstream
	upstreamErr  error
	dialWarning  sync.Once
)

func silentUpstreamAddr() (string, error) {
	upstreamOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			upstreamErr = err
			return
		}
		upstream = &silentUpstream{ln: ln}
		go upstream.serveSilently()
	})
	if upstreamErr != nil {
		return "", upstreamErr
	}
	return upstream.ln.Addr().String(), nil
}

func (u *silentUpstream) serveSilently() {
	for {
		c, err := u.ln.Accept()
		if err != nil {
			log.Printf("silent upstream: accept: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		u.mu.Lock()
		u.conns = append(u.conns, c)
		u.mu.Unlock()
	}
}

func startGoroutineLeakNetread(ctx context.Context, r *runner) {
	addr, err := silentUpstreamAddr()
	if err != nil {
		log.Printf("goroutine-leak-netread: cannot start upstream: %v", err)
		return
	}
	startMetricsReporter(ctx, r)
	r.Go(func() {
		paced(ctx, 50, func(seq int) { _, _ = checkStock(addr, fmt.Sprintf("sku-%05d", seq%100000)) })
	})
}

// checkStock times out on its side but leaves the reader goroutine blocked forever,
// since the connection has no read deadline and is never closed.
func checkStock(addr, sku string) (string, bool) {
	if leakedReaders.Add(1) > maxLeakedReaders {
		leakedReaders.Add(-1)
		return "", false
	}
	replies := make(chan string, 1) // buffered: the reader itself never blocks on this
	go readStockReply(addr, sku, replies)
	select {
	case reply := <-replies:
		return reply, true
	case <-time.After(20 * time.Millisecond):
		return "", false
	}
}

func readStockReply(addr, sku string, replies chan<- string) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		leakedReaders.Add(-1)
		dialWarning.Do(func() { log.Printf("goroutine-leak-netread: dial: %v (no more leaks until it succeeds)", err) })
		return
	}
	if _, err := fmt.Fprintf(conn, "STOCK %s\n", sku); err != nil {
		conn.Close()
		leakedReaders.Add(-1)
		return
	}
	buf := make([]byte, 512)
	n, err := conn.Read(buf) // no deadline: blocks in IO wait forever
	if err == nil {
		replies <- string(buf[:n])
	}
	conn.Close()
	leakedReaders.Add(-1)
}
