// Command go-client is the Go client of the eventc service example: it talks
// to the example server's /wse and /trading paths through the generated
// packages eventc.dev/generated/wse and eventc.dev/generated/trading, checks
// every message it receives, and prints a JSON summary of what it received
// (each message re-encoded by the generated encoder) and sent. It exits 1 on
// any mismatch.
//
//	go-client --port N                                   the conformance run
//	go-client --port N --bench generated|dynamic [--messages M]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/coder/websocket"
)

func main() {
	port := flag.Int("port", 0, "port of the example server on 127.0.0.1")
	bench := flag.String("bench", "", "run the round-trip benchmark: generated or dynamic")
	messages := flag.Int("messages", 5000, "round trips in a benchmark run")
	flag.Parse()
	if *port <= 0 {
		fmt.Fprintln(os.Stderr, "go-client: --port is required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out any
	var err error
	if *bench != "" {
		out, err = runBench(ctx, *port, *bench, *messages)
	} else {
		out, err = runConformance(ctx, *port)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-client:", err)
		os.Exit(1)
	}
	text, err := json.Marshal(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-client:", err)
		os.Exit(1)
	}
	fmt.Println(string(text))
}

// Received is one message as the client read it: its event name and the
// generated encoder's text for it.
type Received struct {
	Event     string `json:"event"`
	Reencoded string `json:"reencoded"`
}

// Summary is what the client received and sent on one path.
type Summary struct {
	Received []Received `json:"received"`
	Sent     []string   `json:"sent"`
	Checks   int        `json:"checks"`
}

// checker counts checks and collects the ones that fail.
type checker struct {
	count    int
	failures []string
}

func (c *checker) expect(ok bool, format string, args ...any) {
	c.count++
	if !ok {
		c.failures = append(c.failures, fmt.Sprintf(format, args...))
	}
}

func (c *checker) err() error {
	if len(c.failures) == 0 {
		return nil
	}
	return fmt.Errorf("%d mismatches:\n  %s", len(c.failures), strings.Join(c.failures, "\n  "))
}

// runConformance runs the /wse and then the /trading session.
func runConformance(ctx context.Context, port int) (map[string]any, error) {
	var check checker
	wseSummary, err := runWSE(ctx, port, &check)
	if err != nil {
		return nil, fmt.Errorf("wse: %w", err)
	}
	tradingSummary, err := runTrading(ctx, port, &check)
	if err != nil {
		return nil, fmt.Errorf("trading: %w", err)
	}
	if err := check.err(); err != nil {
		return nil, err
	}
	return map[string]any{"client": "go", "checks": check.count, "wse": wseSummary, "trading": tradingSummary}, nil
}

// dial opens a WebSocket to path on the example server.
func dial(ctx context.Context, port int, path string) (*websocket.Conn, error) {
	conn, _, err := websocket.Dial(ctx, fmt.Sprintf("ws://127.0.0.1:%d%s", port, path), nil)
	if err != nil {
		return nil, err
	}
	conn.SetReadLimit(1 << 20)
	return conn, nil
}

// readText reads one text frame.
func readText(ctx context.Context, conn *websocket.Conn) ([]byte, error) {
	kind, data, err := conn.Read(ctx)
	if err != nil {
		return nil, err
	}
	if kind != websocket.MessageText {
		return nil, fmt.Errorf("expected a text frame, got %v", kind)
	}
	return data, nil
}
