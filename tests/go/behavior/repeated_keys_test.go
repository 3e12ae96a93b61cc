package behavior

import (
	"encoding/json"
	"strings"
	"testing"

	"eventc.dev/generated/trading"
	"eventc.dev/generated/wse"
	"eventc.dev/golden/shapes"
)

// ping is a valid wse message with its envelope keys in canonical form; rest
// is spliced in before the closing brace.
func ping(rest string) []byte {
	return []byte(`{"t":"ping","p":{},"id":"a","ts":"2025-11-25T10:00:00Z","v":2` + rest + `}`)
}

// balances is a valid trading balances message; data is spliced into its
// payload object and balances into its map.
func balances(data, entries string) []byte {
	return []byte(`{"type":"balances","ts":"2026-01-14T16:30:00.000Z","data":{"platform":"luno",` +
		`"balances":{"ZAR":{"free":1,"locked":0,"total":1}` + entries + `},"total_value_zar":1` + data + `}}`)
}

func refused(t *testing.T, what string, err error, key string) {
	t.Helper()
	want := `duplicate key "` + key + `"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%s: error = %v, want one naming %s", what, err, want)
	}
}

// A key that names a field (canonical, old name or alias), or a key of a map
// value, given twice is refused with an error that names it.
func TestRepeatedDeclaredKeysAreRefused(t *testing.T) {
	for _, tc := range []struct{ what, in, key string }{
		{"envelope key", `{"id":"first","id":"second","t":"ping","p":{},"ts":"2025-11-25T10:00:00Z","v":2}`, "id"},
		{"discriminator", `{"t":"ping","t":"pong","p":{},"id":"a","ts":"2025-11-25T10:00:00Z","v":2}`, "t"},
		{"alias beside its canonical key", string(ping(`,"timestamp":"x","timestamp":"y"`)), "timestamp"},
		{"alias alone", `{"type":"ping","type":"ping","p":{},"id":"a","ts":"2025-11-25T10:00:00Z","v":2}`, "type"},
		{"the same key spelled with an escape", `{"t":"ping","\u0074":"pong","p":{},"id":"a","ts":"2025-11-25T10:00:00Z","v":2}`, "t"},
	} {
		_, err := wse.DecodeStrict([]byte(tc.in))
		refused(t, tc.what, err, tc.key)
	}
	_, err := trading.DecodeStrict(balances(`,"platform":"all"`, ""))
	refused(t, "payload object key", err, "platform")
	_, err = trading.DecodeStrict(balances("", `,"ZAR":{"free":2,"locked":0,"total":2}`))
	refused(t, "map key", err, "ZAR")

	var d shapes.Drawing
	err = json.Unmarshal([]byte(`{"shapes":[],"layers":{"l":[],"l":[{"x":1,"y":2}]},"scale":null,"ids":[],"title":"t"}`), &d)
	refused(t, "map key inside an optional map<array<…>>", err, "l")
	err = json.Unmarshal([]byte(`{"shapes":[],"scale":null,"ids":[],"title":"t","caption":"a","caption":"b"}`), &d)
	refused(t, "old name beside its canonical key", err, "caption")
	var list []shapes.Shape
	err = json.Unmarshal([]byte(`[{"kind":"circle","kind":"square","radius":1}]`), &list)
	refused(t, "union tag", err, "kind")
}

// A field present under several of its names is read from the first in
// contract order (canonical, old name, aliases); the others are ignored like
// undeclared keys, so their values are not checked.
func TestTheFirstNameInContractOrderWins(t *testing.T) {
	var tri []shapes.Shape
	if err := json.Unmarshal([]byte(`[{"kind":"triangle","width":"not a number","base":2}]`), &tri); err != nil {
		t.Fatalf("old key with a value of the wrong type not ignored: %v", err)
	}
	if tri[0].Triangle == nil || tri[0].Triangle.Base != 2 {
		t.Fatalf("decoded %#v", tri)
	}
	var d shapes.Drawing
	for _, tc := range []struct{ in, title string }{
		{`{"shapes":[],"scale":null,"ids":[],"heading":[1],"caption":5,"title":"canonical"}`, "canonical"},
		{`{"shapes":[],"scale":null,"ids":[],"heading":{},"caption":"old"}`, "old"},
		{`{"shapes":[],"scale":null,"ids":[],"heading":"alias"}`, "alias"},
	} {
		if err := json.Unmarshal([]byte(tc.in), &d); err != nil || d.Title != tc.title {
			t.Errorf("%s: title %q, error %v; want %q", tc.in, d.Title, err, tc.title)
		}
	}
	m, err := wse.DecodeStrict(ping(`,"timestamp":5,"version":"two"`))
	if err != nil {
		t.Fatalf("aliases beside their canonical keys not ignored: %v", err)
	}
	if p := m.(*wse.PingMessage); p.Ts.String() != "2025-11-25T10:00:00Z" {
		t.Errorf("ts = %q", p.Ts)
	}
}

// Keys a contract does not declare are ignored however often they appear, and
// free-form JSON is kept as received.
func TestRepeatedUndeclaredKeysAndFreeFormJSONPass(t *testing.T) {
	tricky := `,"x":"a,\"b\":{[","x":2,"y":{"z":1,"z":2}`
	if _, err := wse.DecodeStrict(ping(tricky)); err != nil {
		t.Errorf("envelope: %v", err)
	}
	if _, err := trading.DecodeStrict(balances(tricky, "")); err != nil {
		t.Errorf("payload object: %v", err)
	}
	var d shapes.Drawing
	note := `{"a":1,"a":2}`
	if err := json.Unmarshal([]byte(`{"shapes":[],"scale":null,"ids":[],"title":"t","note":`+note+`}`), &d); err != nil {
		t.Fatal(err)
	}
	if string(d.Note) != note {
		t.Errorf("note = %s, want %s", d.Note, note)
	}
}

// A recursive alias is checked at every level, as a field's map is: a
// repeated key or a null item deep inside a Tree or a Nest is refused, as
// Rust and the validator refuse it.
func TestRecursiveAliasesAreCheckedAtEveryLevel(t *testing.T) {
	envelope := func(kind, body string) []byte {
		return []byte(`{"kind":"` + kind + `","body":` + body + `,"sent_at":1,"proto":"shapes/1","zipped":false}`)
	}
	for _, bad := range []struct{ kind, body, want string }{
		{"tree", `{"a":[{"b":[],"b":[]}]}`, `duplicate key "b"`},
		{"tree", `{"a":[{"b":[{"c":[],"c":[]}]}]}`, `duplicate key "c"`},
		{"tree", `{"a":[{"b":null}]}`, `must not be null`},
		{"nest", `[[[null]]]`, `must not be null`},
	} {
		if _, err := shapes.Decode(envelope(bad.kind, bad.body)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s %s: error = %v, want %q", bad.kind, bad.body, err, bad.want)
		}
	}
	for _, good := range []struct{ kind, body string }{
		{"tree", `{"a":[{"b":[]},{}]}`},
		{"nest", `[[],[[]]]`},
	} {
		m, err := shapes.Decode(envelope(good.kind, good.body))
		if err != nil {
			t.Errorf("%s %s: %v", good.kind, good.body, err)
			continue
		}
		if _, err := shapes.Encode(m); err != nil {
			t.Errorf("%s %s: encode: %v", good.kind, good.body, err)
		}
	}
}
