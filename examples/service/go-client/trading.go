package main

import (
	"context"
	"fmt"

	"eventc.dev/generated/trading"
	"github.com/coder/websocket"
)

// tradingCatalogue is what the server sends after its ping, in order.
var tradingCatalogue = []trading.MessageType{
	trading.MessageTypeConnection,
	trading.MessageTypeTrades,
	trading.MessageTypeBots,
	trading.MessageTypeBalances,
	trading.MessageTypeDecisions,
	trading.MessageTypeMetrics,
	trading.MessageTypeWhale,
	trading.MessageTypeAlerts,
	trading.MessageTypeSystemHealth,
	trading.MessageTypeWallet,
	trading.MessageTypeAiTasks,
	trading.MessageTypeError,
}

// tradingSession is one /trading connection and what went over it.
type tradingSession struct {
	ctx     context.Context
	conn    *websocket.Conn
	summary Summary
}

func (s *tradingSession) send(name string, text []byte) error {
	s.summary.Sent = append(s.summary.Sent, name)
	return s.conn.Write(s.ctx, websocket.MessageText, text)
}

func (s *tradingSession) sendMessage(m trading.Message) error {
	text, err := trading.Encode(m)
	if err != nil {
		return err
	}
	return s.send(string(m.MessageType()), text)
}

func (s *tradingSession) read() (trading.Message, error) {
	data, err := readText(s.ctx, s.conn)
	if err != nil {
		return nil, err
	}
	m, err := trading.DecodeStrict(data)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", data, err)
	}
	again, err := trading.Encode(m)
	if err != nil {
		return nil, fmt.Errorf("re-encoding %s: %w", data, err)
	}
	s.summary.Received = append(s.summary.Received, Received{Event: string(m.MessageType()), Reencoded: string(again)})
	return m, nil
}

func runTrading(ctx context.Context, port int, check *checker) (*Summary, error) {
	conn, err := dial(ctx, port, "/trading")
	if err != nil {
		return nil, err
	}
	defer conn.CloseNow()
	s := &tradingSession{ctx: ctx, conn: conn}

	// Keepalive, as the contract has it: the server pings (type + unix-ms
	// timestamp, no data), the client answers pong with the same timestamp.
	m, err := s.read()
	if err != nil {
		return nil, err
	}
	ping, ok := m.(*trading.PingMessage)
	check.expect(ok, "first trading message: got %s, want ping", m.MessageType())
	if !ok {
		return &s.summary, nil
	}
	check.expect(ping.Timestamp > 0, "ping timestamp %d", ping.Timestamp)
	pong := trading.NewPongMessage()
	pong.Timestamp = ping.Timestamp
	if err := s.sendMessage(pong); err != nil {
		return nil, err
	}

	for i, want := range tradingCatalogue {
		m, err := s.read()
		if err != nil {
			return nil, err
		}
		check.expect(m.MessageType() == want, "trading message %d: got %s, want %s", i+1, m.MessageType(), want)
		checkTrading(check, m)
	}

	if err := s.sendMessage(trading.NewConnectionMessage(trading.Connection{
		Status: trading.ConnectionStatusConnected, Mode: trading.ConnectionModeWs,
	})); err != nil {
		return nil, err
	}
	// A closed enum refuses a value it does not list.
	bad := `{"type":"connection","data":{"status":"asleep","mode":"ws"},"ts":"2026-01-14T16:50:00Z"}`
	if err := s.send("invalid", []byte(bad)); err != nil {
		return nil, err
	}
	m, err = s.read()
	if err != nil {
		return nil, err
	}
	e, ok := m.(*trading.ErrorMessage)
	check.expect(ok && e.Payload.Code == "INVALID_MESSAGE", "answer to an invalid message: %s %+v", m.MessageType(), m)
	return &s.summary, conn.Close(websocket.StatusNormalClosure, "done")
}

// checkTrading checks the typed content of a few catalogue messages.
func checkTrading(check *checker, m trading.Message) {
	switch m := m.(type) {
	case *trading.TradesMessage:
		check.expect(m.Payload.Pnl == nil, "trades pnl %v, want null", m.Payload.Pnl)
		check.expect(m.Payload.Platform == trading.ExchangeLuno && m.Payload.Price == 1250000, "trades payload %+v", m.Payload)
	case *trading.BalancesMessage:
		check.expect(m.Payload.Platform == trading.BalancePlatformAll && m.Payload.Balances["XBT"].Total == 0.6,
			"balances payload %+v", m.Payload)
	case *trading.DecisionsMessage:
		check.expect(m.Payload.ComponentScores["technical"] == 0.7 && m.Payload.Stops.TakeProfit == 1350000,
			"decisions payload %+v", m.Payload)
	case *trading.AiTasksMessage:
		check.expect(m.Payload.StartedAt.Set && !m.Payload.StartedAt.Null && m.Payload.CompletedAt.Set && m.Payload.CompletedAt.Null,
			"ai_tasks started_at %+v completed_at %+v, want a value and null", m.Payload.StartedAt, m.Payload.CompletedAt)
	case *trading.ErrorMessage:
		check.expect(m.Payload.Code == "INTERNAL_ERROR", "catalogue error code %q", m.Payload.Code)
	}
}
