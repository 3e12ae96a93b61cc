package behavior

import (
	"strings"
	"testing"

	"eventc.dev/generated/bagbot"
	"eventc.dev/generated/wse"
)

// encodeOrderUpdate writes an order_update whose payload carries n bytes of text.
func encodeOrderUpdate(t *testing.T, n int) []byte {
	t.Helper()
	text := strings.Repeat("x", n)
	m := wse.NewOrderUpdateMessage(wse.OrderUpdatePayload{Status: "filled", OriginalEventType: &text})
	m.ID = "evt_1"
	m.Ts = "2025-01-13T10:30:00.000Z"
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
