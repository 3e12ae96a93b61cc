package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"eventc.dev/generated/wse"
	"github.com/coder/websocket"
)

// wseCatalogue is what the server sends after client_hello, in order.
var wseCatalogue = []wse.MessageType{
	wse.MessageTypeServerHello,
	wse.MessageTypeClientHelloAck,
	wse.MessageTypeConnectionStateChange,
	wse.MessageTypeSubscriptionUpdate,
	wse.MessageTypeBrokerConnectionSnapshot,
	wse.MessageTypeBrokerAccountSnapshot,
	wse.MessageTypeOrderSnapshot,
	wse.MessageTypePositionSnapshot,
	wse.MessageTypePortfolioSnapshot,
	wse.MessageTypeSnapshotComplete,
	wse.MessageTypeBrokerAccountUpdate,
	wse.MessageTypeBrokerAccountBalanceUpdate,
	wse.MessageTypeBrokerConnectionUpdate,
	wse.MessageTypeBrokerHealthUpdate,
	wse.MessageTypeOrderUpdate,
	wse.MessageTypePositionUpdate,
	wse.MessageTypeMarketDataUpdate,
	wse.MessageTypeHeartbeat,
	wse.MessageTypeError,
	wse.MessageTypeServerReady,
}

// wseSession is one /wse connection and what went over it.
type wseSession struct {
	ctx     context.Context
	conn    *websocket.Conn
	check   *checker
	summary Summary
}

// send writes text, recording it under name.
func (s *wseSession) send(name string, text []byte) error {
	s.summary.Sent = append(s.summary.Sent, name)
	return s.conn.Write(s.ctx, websocket.MessageText, text)
}

// sendMessage encodes m with the generated encoder and writes it.
func (s *wseSession) sendMessage(m wse.Message) ([]byte, error) {
	text, err := wse.Encode(m)
	if err != nil {
		return nil, err
	}
	return text, s.send(string(m.MessageType()), text)
}

// read reads and strictly decodes one message, recording its re-encoding.
func (s *wseSession) read() (wse.Message, string, error) {
	data, err := readText(s.ctx, s.conn)
	if err != nil {
		return nil, "", err
	}
	m, err := wse.DecodeStrict(data)
	if err != nil {
		return nil, "", fmt.Errorf("decoding %s: %w", data, err)
	}
	again, err := wse.Encode(m)
	if err != nil {
		return nil, "", fmt.Errorf("re-encoding %s: %w", data, err)
	}
	s.summary.Received = append(s.summary.Received, Received{Event: string(m.MessageType()), Reencoded: string(again)})
	return m, string(data), nil
}

// envelope returns the envelope fields of a message. The generated Message
// interface has no accessor for them, so every event type is listed.
func envelope(m wse.Message) *wse.Envelope {
	switch m := m.(type) {
	case *wse.BrokerConnectionSnapshotMessage:
		return &m.Envelope
	case *wse.BrokerAccountSnapshotMessage:
		return &m.Envelope
	case *wse.OrderSnapshotMessage:
		return &m.Envelope
	case *wse.PositionSnapshotMessage:
		return &m.Envelope
	case *wse.PortfolioSnapshotMessage:
		return &m.Envelope
	case *wse.BrokerAccountUpdateMessage:
		return &m.Envelope
	case *wse.BrokerAccountBalanceUpdateMessage:
		return &m.Envelope
	case *wse.BrokerConnectionUpdateMessage:
		return &m.Envelope
	case *wse.BrokerHealthUpdateMessage:
		return &m.Envelope
	case *wse.OrderUpdateMessage:
		return &m.Envelope
	case *wse.PositionUpdateMessage:
		return &m.Envelope
	case *wse.MarketDataUpdateMessage:
		return &m.Envelope
	case *wse.PingMessage:
		return &m.Envelope
	case *wse.PongMessage:
		return &m.Envelope
	case *wse.ClientHelloMessage:
		return &m.Envelope
	case *wse.ClientHelloAckMessage:
		return &m.Envelope
	case *wse.ServerHelloMessage:
		return &m.Envelope
	case *wse.ServerReadyMessage:
		return &m.Envelope
	case *wse.SubscriptionUpdateMessage:
		return &m.Envelope
	case *wse.SnapshotCompleteMessage:
		return &m.Envelope
	case *wse.ConnectionStateChangeMessage:
		return &m.Envelope
	case *wse.HeartbeatMessage:
		return &m.Envelope
	case *wse.ErrorMessage:
		return &m.Envelope
	case *wse.UnknownMessage:
		return &m.Envelope
	}
	return nil
}

func runWSE(ctx context.Context, port int, check *checker) (*Summary, error) {
	conn, err := dial(ctx, port, "/wse")
	if err != nil {
		return nil, err
	}
	defer conn.CloseNow()
	s := &wseSession{ctx: ctx, conn: conn, check: check}

	hello := wse.NewClientHelloMessage(json.RawMessage(`{"client":"go"}`))
	hello.ID = "go-hello-1"
	if _, err := s.sendMessage(hello); err != nil {
		return nil, err
	}
	for i, want := range wseCatalogue {
		m, raw, err := s.read()
		if err != nil {
			return nil, err
		}
		check.expect(m.MessageType() == want, "wse message %d: got %s, want %s", i+1, m.MessageType(), want)
		e := envelope(m)
		check.expect(e != nil && e.Seq != nil && *e.Seq == int64(i+1), "wse %s: seq %v, want %d", want, seqOf(e), i+1)
		checkWSE(check, m, raw)
	}

	// A ping written with the long aliases (the generated encoder writes the
	// short keys only): the server's generated reader must take it.
	sentAt := wse.UnixMillisOf(time.Now())
	ping := fmt.Sprintf(`{"type":"PING","payload":{"client_timestamp":%d},"id":"go-ping-1","timestamp":%q,"version":2}`,
		sentAt, time.Now().UTC().Format(time.RFC3339Nano))
	if err := s.send("PING", []byte(ping)); err != nil {
		return nil, err
	}
	m, _, err := s.read()
	if err != nil {
		return nil, err
	}
	pong, ok := m.(*wse.PongMessage)
	check.expect(ok, "answer to ping: got %s, want PONG", m.MessageType())
	if ok {
		check.expect(pong.Cid != nil && *pong.Cid == "go-ping-1", "PONG cid %v, want go-ping-1", deref(pong.Cid))
		check.expect(pong.Payload.ClientTimestamp == sentAt, "PONG client_timestamp %d, want %d", pong.Payload.ClientTimestamp, sentAt)
		check.expect(pong.MsgCat != nil && *pong.MsgCat == "WSE", "PONG _msg_cat %v, want WSE", deref(pong.MsgCat))
	}

	// A heartbeat above the compression threshold: the generated encoder
	// compresses it, the server's generated reader inflates it.
	samples := make([]int, 300)
	for i := range samples {
		samples[i] = i
	}
	payload, err := json.Marshal(map[string]any{"client": "go", "samples": samples})
	if err != nil {
		return nil, err
	}
	beat := wse.NewHeartbeatMessage(payload)
	beat.ID = "go-heartbeat-1"
	text, err := s.sendMessage(beat)
	if err != nil {
		return nil, err
	}
	check.expect(strings.Contains(string(text), `"cmp":true`), "the encoded heartbeat is not compressed: %.80s", text)

	// An event only the server sends, then a message the contract refuses.
	order := wse.NewOrderUpdateMessage(wse.OrderUpdatePayload{Status: "filled"})
	order.ID = "go-order-1"
	if _, err := s.sendMessage(order); err != nil {
		return nil, err
	}
	expectError(s, check, "WRONG_DIRECTION")
	bad := `{"t":"ping","p":{},"id":"go-bad-1","ts":"2025-11-25T10:05:31.000Z","v":3}`
	if err := s.send("invalid", []byte(bad)); err != nil {
		return nil, err
	}
	expectError(s, check, "INVALID_MESSAGE")
	return &s.summary, conn.Close(websocket.StatusNormalClosure, "done")
}

// expectError reads one message and checks it is the error event with code.
func expectError(s *wseSession, check *checker, code string) {
	m, _, err := s.read()
	if err != nil {
		check.expect(false, "reading the %s error: %v", code, err)
		return
	}
	e, ok := m.(*wse.ErrorMessage)
	check.expect(ok && e.Payload.Code == code, "want error %s, got %s %+v", code, m.MessageType(), m)
	if ok {
		check.expect(e.Pri != nil && *e.Pri == 10, "error pri %v, want 10 (CRITICAL)", deref(e.Pri))
	}
}

// checkWSE checks the content of the catalogue messages that carry typed
// payloads or show a feature (aliases, compression).
func checkWSE(check *checker, m wse.Message, raw string) {
	switch m := m.(type) {
	case *wse.HeartbeatMessage:
		check.expect(strings.Contains(raw, `"type":"heartbeat"`), "heartbeat was not sent with aliased keys: %s", raw)
		check.expect(m.Cid != nil && *m.Cid == "corr-heartbeat", "heartbeat cid (from correlation_id) %v", deref(m.Cid))
		check.expect(m.Pri != nil && *m.Pri == 3, "heartbeat pri (from priority) %v", deref(m.Pri))
	case *wse.PortfolioSnapshotMessage:
		check.expect(strings.Contains(raw, `"cmp":true`), "portfolio_snapshot was not sent compressed")
		var p struct {
			Positions []struct {
				Symbol string `json:"symbol"`
			} `json:"positions"`
		}
		err := json.Unmarshal(m.Payload, &p)
		check.expect(err == nil && len(p.Positions) == 40 && p.Positions[39].Symbol == "SYM39",
			"portfolio_snapshot payload after inflating: %v %.80s", err, m.Payload)
		check.expect(m.MsgCat != nil && *m.MsgCat == "S", "portfolio_snapshot _msg_cat %v, want S", deref(m.MsgCat))
	case *wse.OrderUpdateMessage:
		check.expect(m.Payload.Status == "filled", "order_update status %q", m.Payload.Status)
		check.expect(m.Payload.AvgPrice != nil && *m.Payload.AvgPrice == 189.25, "order_update avg_price %v", deref(m.Payload.AvgPrice))
		check.expect(m.Pri != nil && *m.Pri == 10, "order_update pri %v, want 10 (CRITICAL)", deref(m.Pri))
		check.expect(m.MsgCat != nil && *m.MsgCat == "U", "order_update _msg_cat %v, want U", deref(m.MsgCat))
	case *wse.BrokerAccountSnapshotMessage:
		check.expect(m.Payload.Count == 2 && len(m.Payload.Accounts) == 2 && m.Payload.Accounts[1].AccountNumber == "PA000002",
			"broker_account_snapshot payload %+v", m.Payload)
	case *wse.ErrorMessage:
		check.expect(m.Payload.Code == "SUBSCRIPTION_FAILED", "catalogue error code %q", m.Payload.Code)
	}
}

// deref shows an optional value, or nil.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// seqOf shows the seq of an envelope, or nil.
func seqOf(e *wse.Envelope) any {
	if e == nil {
		return nil
	}
	return deref(e.Seq)
}
