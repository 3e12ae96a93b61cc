package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"eventc.dev/generated/wse"
	"github.com/coder/websocket"
)

// BenchResult is one benchmark run: round trips per second and latency
// percentiles in microseconds.
type BenchResult struct {
	Client    string  `json:"client"`
	Mode      string  `json:"mode"`
	Messages  int     `json:"messages"`
	PerSecond float64 `json:"per_second"`
	P50       float64 `json:"p50_us"`
	P99       float64 `json:"p99_us"`
}

// roundTrip sends request number i and checks the answer.
type roundTrip func(ctx context.Context, conn *websocket.Conn, id string) error

// runBench times messages round trips (after a tenth as many to warm up)
// on /bench/<mode>, one in flight at a time.
func runBench(ctx context.Context, port int, mode string, messages int) (*BenchResult, error) {
	var trip roundTrip
	switch mode {
	case "generated":
		trip = generatedTrip
	case "dynamic":
		trip = dynamicTrip
	default:
		return nil, fmt.Errorf("--bench %q: want generated or dynamic", mode)
	}
	conn, err := dial(ctx, port, "/bench/"+mode)
	if err != nil {
		return nil, err
	}
	defer conn.CloseNow()
	warmup := max(messages/10, 100)
	latencies := make([]time.Duration, 0, messages)
	var start time.Time
	for i := 0; i < warmup+messages; i++ {
		if i == warmup {
			start = time.Now()
		}
		t0 := time.Now()
		if err := trip(ctx, conn, fmt.Sprintf("go-%d", i)); err != nil {
			return nil, fmt.Errorf("round trip %d: %w", i, err)
		}
		if i >= warmup {
			latencies = append(latencies, time.Since(t0))
		}
	}
	elapsed := time.Since(start)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	micros := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Nanoseconds()) / 1000
	}
	return &BenchResult{
		Client: "go", Mode: mode, Messages: messages,
		PerSecond: float64(messages) / elapsed.Seconds(),
		P50:       micros(0.50), P99: micros(0.99),
	}, conn.Close(websocket.StatusNormalClosure, "done")
}

func benchPayload() wse.OrderUpdatePayload {
	original, order, symbol := "OrderFilledEvent", "o-1", "AAPL"
	qty, price := 10.0, 189.25
	return wse.OrderUpdatePayload{OriginalEventType: &original, OrderID: &order, Symbol: &symbol, Status: "filled", FilledQty: &qty, AvgPrice: &price}
}

// generatedTrip writes and reads through the generated wse package.
func generatedTrip(ctx context.Context, conn *websocket.Conn, id string) error {
	m := wse.NewOrderUpdateMessage(benchPayload())
	m.ID = id
	text, err := wse.Encode(m)
	if err != nil {
		return err
	}
	if err := conn.Write(ctx, websocket.MessageText, text); err != nil {
		return err
	}
	data, err := readText(ctx, conn)
	if err != nil {
		return err
	}
	answer, err := wse.DecodeStrict(data)
	if err != nil {
		return err
	}
	order, ok := answer.(*wse.OrderUpdateMessage)
	if !ok || order.Cid == nil || *order.Cid != id || order.Payload.Status != "filled" {
		return fmt.Errorf("unexpected answer %s", data)
	}
	return nil
}

// dynamicTrip writes and reads map[string]any with encoding/json.
func dynamicTrip(ctx context.Context, conn *websocket.Conn, id string) error {
	m := map[string]any{
		"t": "order_update",
		"p": map[string]any{
			"original_event_type": "OrderFilledEvent", "order_id": "o-1", "symbol": "AAPL",
			"status": "filled", "filled_qty": 10.0, "avg_price": 189.25,
		},
		"id": id, "ts": time.Now().UTC().Format(time.RFC3339Nano), "_msg_cat": "U", "pri": 10, "v": 2,
	}
	text, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := conn.Write(ctx, websocket.MessageText, text); err != nil {
		return err
	}
	data, err := readText(ctx, conn)
	if err != nil {
		return err
	}
	var answer map[string]any
	if err := json.Unmarshal(data, &answer); err != nil {
		return err
	}
	p, _ := answer["p"].(map[string]any)
	if answer["t"] != "order_update" || answer["cid"] != id || p == nil || p["status"] != "filled" {
		return fmt.Errorf("unexpected answer %s", data)
	}
	return nil
}
