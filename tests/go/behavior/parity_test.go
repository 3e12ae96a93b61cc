package behavior

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"eventc.dev/generated/bagbot"
	"eventc.dev/generated/trading"
	"eventc.dev/generated/wse"
	"eventc.dev/golden/shapes"
)

// encodeOrderUpdate writes an order_update whose payload carries n bytes of text.
func encodeOrderUpdate(t *testing.T, n int) []byte {
	t.Helper()
	text := strings.Repeat("x", n)
	m := wse.NewOrderUpdateMessage(wse.OrderUpdatePayload{Status: "filled", OriginalEventType: &text})
	m.ID = "evt_1"
	m.Ts = wse.TimestampFromText("2025-01-13T10:30:00.000Z")
	return mustEncode(t, func() ([]byte, error) { return wse.Encode(m) })
}

// Seed 004: "messages > 1024 bytes are compressed". The threshold applies to
// the whole message as written uncompressed, not to its payload alone.
func TestTheCompressionThresholdAppliesToTheWholeMessage(t *testing.T) {
	first := -1
	for n := 850; n < 1024; n++ {
		out := encodeOrderUpdate(t, n)
		if object(t, out)["cmp"] == true {
			first = n
			break
		}
		if len(out) > 1024 {
			t.Fatalf("a %d-byte message was written uncompressed", len(out))
		}
	}
	if first < 0 {
		t.Fatal("no message was compressed although messages grew past 1024 bytes")
	}
	if got := len(encodeOrderUpdate(t, first-1)); got != 1024 {
		t.Fatalf("the largest uncompressed message has %d bytes, want 1024", got)
	}
	back, err := wse.DecodeStrict(encodeOrderUpdate(t, first))
	if err != nil {
		t.Fatal(err)
	}
	payload := back.(*wse.OrderUpdateMessage).Payload
	if got := len(*payload.OriginalEventType); got != first || got >= 1024 {
		t.Fatalf("payload text of %d bytes came back as %d", first, got)
	}
}

func TestADerivedChannelFieldIsAChannelType(t *testing.T) {
	m := bagbot.NewStrategyStartedMessage(bagbot.StrategyStarted{})
	var channel bagbot.ChannelType = m.Channel
	if channel != bagbot.ChannelTypeSignals {
		t.Fatalf("channel = %q, want %q", channel, bagbot.ChannelTypeSignals)
	}
}

// The same addresses the Rust (channels::user_topic) and TypeScript
// (userTopicAddress) builders produce.
func TestChannelAddressesAreBuiltFromTheirParameters(t *testing.T) {
	if got := wse.ChannelTypeUserTopic("u1", wse.TopicTypeOrderEvents); got != "wse:user:u1:order_events" {
		t.Errorf("user topic = %q", got)
	}
	if got := wse.ChannelTypePriorityMessages("u2"); got != "wse:priority:u2:messages" {
		t.Errorf("priority messages = %q", got)
	}
}

// Seed 003's Timestamp time.Time: RFC 3339 timestamps are Timestamps (a
// time.Time plus the text read), written back exactly as read.
func TestTimestampsAreTimesWrittenBackAsRead(t *testing.T) {
	for _, text := range []string{
		"2025-01-13T10:30:00.000Z",
		"2025-01-13T12:30:00.5+02:00",
		"2025-01-13t10:30:00z",
	} {
		in := []byte(`{"t":"ping","p":{},"id":"a","ts":"` + text + `","v":2}`)
		m, err := wse.Decode(in)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		ts := m.(*wse.PingMessage).Ts
		out := object(t, mustEncode(t, func() ([]byte, error) { return wse.Encode(m) }))
		if out["ts"] != text {
			t.Errorf("%s written back as %v", text, out["ts"])
		}
		if text == "2025-01-13T12:30:00.5+02:00" && !ts.Equal(time.Date(2025, 1, 13, 10, 30, 0, 5e8, time.UTC)) {
			t.Errorf("%s read as %v", text, ts.Time)
		}
	}
	ts := wse.TimestampFromText("2025-01-13T10:30:00.000Z")
	if want := time.Date(2025, 1, 13, 10, 30, 0, 0, time.UTC); !ts.Equal(want) {
		t.Fatalf("time = %v", ts.Time)
	}
	ts.Time = ts.Add(time.Second)
	if got := ts.String(); got != "2025-01-13T10:30:01Z" {
		t.Errorf("a changed time is written as %q", got)
	}
	m := wse.NewPingMessage(nil)
	if m.Ts.Location() != time.UTC || time.Since(m.Ts.Time) > time.Minute {
		t.Errorf("constructor time %v", m.Ts.Time)
	}
}

// Unix timestamps keep their integer (exact on the wire) and convert to time.Time.
func TestUnixTimestampsConvertToTimes(t *testing.T) {
	at := time.Date(2025, 1, 13, 10, 30, 0, 123e6, time.UTC)
	if got := trading.UnixMillisOf(at); got != 1736764200123 || !got.Time().Equal(at) {
		t.Errorf("millis %d, time %v", got, got.Time())
	}
	if got := bagbot.UnixSecondsOf(at); got != 1736764200 || !got.Time().Equal(at.Truncate(time.Second)) {
		t.Errorf("seconds %d, time %v", got, got.Time())
	}
}

// Timestamps under an alias, in containers, tri-state and as a constant
// (which stays the constant's text) are written back as read.
func TestTimestampsInEveryPositionRoundTrip(t *testing.T) {
	in := `{"kind":"draw","sent_at":1,"proto":"shapes/1","zipped":false,"body":{"shapes":[],"scale":null,"ids":[],"title":"t","caption":"t",` +
		`"drawn":"2025-01-13T10:30:00.000+00:00","stamps":{"a":["2025-01-13T10:30:00Z","2025-01-13T10:30:00.000001Z"]},"epoch":"1970-01-01T00:00:00Z"}}`
	m, err := shapes.DecodeStrict([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	// The message is compressed on the way out (it is over the fixture's
	// threshold), so read it back and look at its payload as written.
	back, err := shapes.DecodeStrict(mustEncode(t, func() ([]byte, error) { return shapes.Encode(m) }))
	if err != nil {
		t.Fatal(err)
	}
	body := object(t, mustEncode(t, func() ([]byte, error) { return json.Marshal(back.(*shapes.DrawMessage).Payload) }))
	if body["drawn"] != "2025-01-13T10:30:00.000+00:00" || body["epoch"] != "1970-01-01T00:00:00Z" {
		t.Errorf("body %v", body)
	}
	if got := body["stamps"].(map[string]any)["a"].([]any)[1]; got != "2025-01-13T10:30:00.000001Z" {
		t.Errorf("stamp %v", got)
	}
	drawn := m.(*shapes.DrawMessage).Payload.Drawn.Value
	if !drawn.Equal(time.Date(2025, 1, 13, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("drawn = %v", drawn.Time)
	}
}
