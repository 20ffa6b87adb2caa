// Command ferretdb is a tiny launcher for FerretDB v1 (SQLite backend) that
// imports FerretDB as a library instead of building its cmd/ferretdb, which
// panics at start-up when built via `go install` (missing build/version/version.txt).
//
// Usage:
//
//	ferretdb -listen-addr 127.0.0.1:0 -state-dir ./data [-log-level error]
//
// When the TCP listener is bound, exactly one line is printed to stdout:
//
//	ready 127.0.0.1:PORT
//
// Logs go to stderr. SIGINT/SIGTERM stop the server cleanly; a second signal
// kills it immediately.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (host:port; port 0 picks a free port)")
	stateDir := flag.String("state-dir", "", "directory for SQLite data files (created if missing; required)")
	// Default is "error": at "warn" FerretDB logs a multi-line wire dump for
	// every failed command, including the harmless `endSessions` that pymongo
	// sends on close (FerretDB v1 does not implement it).
	logLevel := flag.String("log-level", "error", "log level: debug, info, warn, error")
	flag.Parse()

	if err := run(*listenAddr, *stateDir, *logLevel); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}

func run(listenAddr, stateDir, logLevel string) error {
	if stateDir == "" {
		return fmt.Errorf("-state-dir is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("invalid -log-level %q: %w", logLevel, err)
	}

	if _, _, err := net.SplitHostPort(listenAddr); err != nil {
		return fmt.Errorf("invalid -listen-addr %q: %w", listenAddr, err)
	}

	dir, err := filepath.Abs(stateDir)
	if err != nil {
		return err
	}

	// FerretDB builds per-database SQLite URIs by appending to this path
	// without escaping, so characters with URI meaning would break it.
	if strings.ContainsAny(dir, "?#") {
		return fmt.Errorf("-state-dir %q must not contain '?' or '#'", dir)
	}

	if err = os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// New opens the SQLite backend and binds the TCP socket synchronously
	// (clientconn.Listen calls net.Listen before returning), so once it
	// returns the kernel already queues incoming connections; they are
	// accepted as soon as Run starts its accept loop a moment later.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{
			TCP: listenAddr,
		},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// Restore default signal handling once the first signal arrived,
	// so that a second Ctrl+C terminates the process immediately.
	go func() {
		<-ctx.Done()
		stop()
	}()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// The library has no explicit readiness hook; MongoDBURI reads the
	// address of the already-bound listener (the real port when port 0 was
	// requested), so printing here is safe: connect attempts after this line
	// succeed (they wait in the listen backlog until Accept runs).
	addr := strings.TrimSuffix(strings.TrimPrefix(f.MongoDBURI(), "mongodb://"), "/")
	fmt.Fprintf(os.Stdout, "ready %s\n", addr)

	return <-done
}
