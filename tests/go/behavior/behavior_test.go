// Package behavior tests what the generated Go packages do beyond the
// vectors: constructors, compression, aliases, unknown events, unions,
// enums, tri-state and renamed fields.
package behavior

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"eventc.dev/generated/operations"
	"eventc.dev/generated/projectprogress"
	"eventc.dev/generated/trading"
	"eventc.dev/generated/wse"
	"eventc.dev/golden/hostile"
	"eventc.dev/golden/shapes"
)

func object(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, data)
	}
	return m
}

func mustEncode(t *testing.T, encode func() ([]byte, error)) []byte {
	t.Helper()
	b, err := encode()
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

func TestConstructorFillsConstantDerivedAndDefaultFields(t *testing.T) {
	m := wse.NewOrderUpdateMessage(wse.OrderUpdatePayload{Status: "filled"})
	m.ID = "evt_1"
	got := object(t, mustEncode(t, func() ([]byte, error) { return wse.Encode(m) }))
	want := map[string]any{"t": "order_update", "v": 2.0, "_msg_cat": "U", "pri": 10.0, "id": "evt_1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if ts, _ := got["ts"].(string); ts == "" {
		t.Error("ts not filled")
	}
	if _, ok := got["cmp"]; ok {
		t.Error("a small payload must not be compressed")
	}
	back, err := wse.DecodeStrict(mustEncode(t, func() ([]byte, error) { return wse.Encode(m) }))
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := back.(*wse.OrderUpdateMessage); !ok || o.Payload.Status != "filled" {
		t.Fatalf("decoded %#v", back)
	}
}

func TestLargePayloadsAreCompressedAndDecompressed(t *testing.T) {
	long := strings.Repeat("x", 2000)
	m := wse.NewOrderUpdateMessage(wse.OrderUpdatePayload{Status: "filled", OriginalEventType: &long})
	m.ID = "evt_2"
	b := mustEncode(t, func() ([]byte, error) { return wse.Encode(m) })
	got := object(t, b)
	if got["cmp"] != true {
		t.Fatalf("cmp = %v, want true", got["cmp"])
	}
	if _, ok := got["p"].(string); !ok {
		t.Fatalf("p is not a base64 string: %v", got["p"])
	}
	back, err := wse.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	o := back.(*wse.OrderUpdateMessage)
	if o.Payload.OriginalEventType == nil || *o.Payload.OriginalEventType != long {
		t.Fatal("payload did not survive compression")
	}
}

func TestAliasesAreReadAndCanonicalNamesWritten(t *testing.T) {
	in := `{"type":"PING","payload":{},"id":"a","timestamp":"2025-11-25T10:00:00Z","version":2,"sequence":3}`
	m, err := wse.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageType() != wse.MessageTypePing {
		t.Fatalf("MessageType() = %q", m.MessageType())
	}
	got := object(t, mustEncode(t, func() ([]byte, error) { return wse.Encode(m) }))
	for _, k := range []string{"type", "payload", "timestamp", "version", "sequence"} {
		if _, ok := got[k]; ok {
			t.Errorf("alias %q written", k)
		}
	}
	if got["t"] != "ping" || got["ts"] == nil || got["v"] != 2.0 || got["seq"] != 3.0 {
		t.Errorf("canonical keys missing: %v", got)
	}
}

func TestUnknownEventsAreKeptOrRejected(t *testing.T) {
	in := `{"type":"operation:paused","timestamp":"2025-07-30T14:03:12Z","data":{"a":[1,2]}}`
	m, err := operations.Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := m.(*operations.UnknownMessage)
	if !ok || u.Event != "operation:paused" || string(u.Payload) != `{"a":[1,2]}` {
		t.Fatalf("decoded %#v", m)
	}
	out := mustEncode(t, func() ([]byte, error) { return operations.Encode(m) })
	if string(out) != in {
		t.Errorf("re-encoded\n%s\nwant\n%s", out, in)
	}
	_, err = operations.DecodeStrict([]byte(in))
	var unknown *operations.UnknownEventError
	if !errors.As(err, &unknown) || unknown.Event != "operation:paused" {
		t.Fatalf("DecodeStrict error = %v", err)
	}
}

func TestLegacyConstantsAliasTheirEvents(t *testing.T) {
	if operations.MessageTypePipelineStart != operations.MessageTypeOperationStart ||
		operations.MessageTypePipelineProgress != operations.MessageTypeOperationProgress ||
		operations.MessageTypePipelineComplete != operations.MessageTypeOperationComplete {
		t.Fatal("legacy constants differ from their events")
	}
	if operations.MessageTypeOperationStart != "operation:start" {
		t.Fatal("wire name changed")
	}
}

func TestShapeDetectedUnionPicksTheVariantOrSaysWhy(t *testing.T) {
	var p projectprogress.ProgressPayload
	phase := `{"project_id":"p","status":"DONE","crawl":{"total":1,"done":1,"errors":0,"progress_percent":100},"overall_progress_percent":100}`
	if err := json.Unmarshal([]byte(phase), &p); err != nil || p.PhaseBased == nil || p.Legacy != nil {
		t.Fatalf("phase-based: %v %#v", err, p)
	}
	legacy := `{"project_id":"p","status":"DONE","total":1,"done":1,"errors":0,"progress_percent":100}`
	if err := json.Unmarshal([]byte(legacy), &p); err != nil || p.Legacy == nil || p.PhaseBased != nil {
		t.Fatalf("legacy: %v %#v", err, p)
	}
	err := json.Unmarshal([]byte(`{"project_id":"p","status":"DONE"}`), &p)
	if err == nil || !strings.Contains(err.Error(), "matches no variant of ProgressPayload") ||
		!strings.Contains(err.Error(), "PhaseBased needs") || !strings.Contains(err.Error(), "Legacy needs") {
		t.Fatalf("error = %v", err)
	}
}

func TestClosedEnumsRejectAndOpenEnumsKeepUnknownValues(t *testing.T) {
	var side trading.TradeSide
	if err := json.Unmarshal([]byte(`"short"`), &side); err == nil {
		t.Error("closed enum accepted an unknown value")
	}
	if err := json.Unmarshal([]byte(`"sell"`), &side); err != nil || side != trading.TradeSideSell {
		t.Errorf("closed enum: %v %q", err, side)
	}
	var q hostile.Quirky
	if err := json.Unmarshal([]byte(`"brand new"`), &q); err != nil || q != "brand new" || q.IsKnown() {
		t.Errorf("open enum: %v %q", err, q)
	}
	if !hostile.QuirkyCommentClose.IsKnown() || hostile.QuirkyCommentClose != "*/" {
		t.Error("hostile enum value changed")
	}
	var level hostile.Level
	if err := json.Unmarshal([]byte(`7`), &level); err == nil {
		t.Error("closed integer enum accepted 7")
	}
	var size shapes.Size
	if err := json.Unmarshal([]byte(`7`), &size); err != nil || size != 7 {
		t.Errorf("open integer enum: %v %d", err, size)
	}
}

func TestOptionalNullableFieldsKeepThreeStates(t *testing.T) {
	for _, tc := range []struct{ in, set, null string }{
		{`{"task_id":"t","task_type":"prediction","status":"queued","progress":0}`, "false", "false"},
		{`{"task_id":"t","task_type":"prediction","status":"queued","progress":0,"started_at":null}`, "true", "true"},
		{`{"task_id":"t","task_type":"prediction","status":"queued","progress":0,"started_at":"2026-01-14T16:28:00Z"}`, "true", "false"},
	} {
		var task trading.AiTask
		if err := json.Unmarshal([]byte(tc.in), &task); err != nil {
			t.Fatal(err)
		}
		if b2s(task.StartedAt.Set) != tc.set || b2s(task.StartedAt.Null) != tc.null {
			t.Errorf("%s: Set=%v Null=%v", tc.in, task.StartedAt.Set, task.StartedAt.Null)
		}
		out, err := json.Marshal(task)
		if err != nil || string(out) != tc.in {
			t.Errorf("re-encoded %s (%v), want %s", out, err, tc.in)
		}
	}
	var task trading.AiTask
	bad := `{"task_id":"t","task_type":"prediction","status":"queued","progress":0,"started_at":5}`
	if err := json.Unmarshal([]byte(bad), &task); err == nil {
		t.Error("wrong type accepted in a tri-state field")
	}
}

func b2s(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestRenamedFieldsAreWrittenUnderBothKeysAndReadFromEither(t *testing.T) {
	var k hostile.Keywords
	in := `{"type":"x","fn":1,"default":null,"old_name":"n","say \"hi\"":"q","line\u2028sep":"l"}`
	if err := json.Unmarshal([]byte(in), &k); err != nil {
		t.Fatal(err)
	}
	if k.NewName == nil || *k.NewName != "n" || k.SayHi == nil || *k.SayHi != "q" || k.LineSep == nil {
		t.Fatalf("decoded %#v", k)
	}
	got := object(t, mustEncode(t, func() ([]byte, error) { return json.Marshal(k) }))
	if got["new_name"] != "n" || got["old_name"] != "n" || got["say \"hi\""] != "q" || got["line\u2028sep"] != "l" {
		t.Errorf("encoded %v", got)
	}
	var d shapes.Drawing
	if err := json.Unmarshal([]byte(`{"shapes":[],"scale":null,"ids":[],"heading":"h"}`), &d); err != nil || d.Title != "h" {
		t.Fatalf("alias read: %v %q", err, d.Title)
	}
}

func TestTaggedUnionsAndIntegerWidths(t *testing.T) {
	var list []shapes.Shape
	in := `[{"kind":"circle","radius":1.5},{"kind":"square","side":4294967295}]`
	if err := json.Unmarshal([]byte(in), &list); err != nil {
		t.Fatal(err)
	}
	if list[0].Circle == nil || list[1].Square == nil || list[1].Square.Side != 4294967295 {
		t.Fatalf("decoded %#v", list)
	}
	out, err := json.Marshal(list)
	if err != nil || string(out) != in {
		t.Errorf("re-encoded %s (%v)", out, err)
	}
	for _, bad := range []string{
		`[{"kind":"triangle"}]`,
		`[{"kind":"triangle","base":1,"colour":"red"}]`,
		`[{"kind":"square","side":4294967296}]`,
		`[{"kind":"square","side":1,"extra":true}]`,
		`[{"kind":"circle","radius":"big"}]`,
	} {
		if err := json.Unmarshal([]byte(bad), &list); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	// A closed variant without a field for the tag accepts its union's tag.
	if err := json.Unmarshal([]byte(`[{"kind":"triangle","width":2}]`), &list); err != nil || list[0].Triangle == nil || list[0].Triangle.Base != 2 {
		t.Errorf("triangle by its old key: %v %#v", err, list)
	}
	var pt shapes.Point
	if err := json.Unmarshal([]byte(`{"x":3000000000,"y":0}`), &pt); err == nil {
		t.Error("i32 overflow accepted")
	}
}

func TestRequiredFlagsAndConstantEnvelopeFields(t *testing.T) {
	m := shapes.NewDrawMessage(&shapes.Drawing{Shapes: nil, Ids: nil, Title: "a title long enough to pass the threshold"})
	got := object(t, mustEncode(t, func() ([]byte, error) { return shapes.Encode(m) }))
	if got["proto"] != "shapes/1" || got["route"] != "draw" || got["board"] != "board" || got["kind"] != "draw" {
		t.Errorf("envelope %v", got)
	}
	if got["zipped"] != true {
		t.Errorf("message over 200 bytes not compressed: %v", got)
	}
	small := shapes.NewNoopMessage(json.RawMessage(`{}`))
	got = object(t, mustEncode(t, func() ([]byte, error) { return shapes.Encode(small) }))
	if got["zipped"] != false {
		t.Errorf("required flag not written as false: %v", got)
	}
	for _, bad := range []string{
		`{"kind":"noop","sent_at":1,"proto":"shapes/2","zipped":false}`,
		`{"kind":"noop","sent_at":1,"proto":"shapes/1"}`,
		`{"kind":"draw","sent_at":1,"proto":"shapes/1","zipped":false,"body":{"shapes":[],"scale":null,"ids":null,"title":"t"}}`,
	} {
		if _, err := shapes.Decode([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

func TestNullItemsInArraysAndMapsAreRejected(t *testing.T) {
	var status operations.SystemStatusData
	ok := `{"status":"ok","uptime":1,"active_operations":0,"metrics":{"cpu":1.5}}`
	if err := json.Unmarshal([]byte(ok), &status); err != nil {
		t.Fatal(err)
	}
	bad := `{"status":"ok","uptime":1,"active_operations":0,"metrics":{"cpu":null}}`
	if err := json.Unmarshal([]byte(bad), &status); err == nil {
		t.Error("null map value accepted")
	}
	var d shapes.Drawing
	for _, in := range []string{
		`{"shapes":[],"scale":null,"ids":["a",null],"title":"t"}`,
		`{"shapes":[null],"scale":null,"ids":[],"title":"t"}`,
		`{"shapes":[],"layers":{"l":[null]},"scale":null,"ids":[],"title":"t"}`,
	} {
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("accepted %s", in)
		}
	}
	free := `{"shapes":[],"scale":null,"ids":[],"title":"t","note":[null]}`
	if err := json.Unmarshal([]byte(free), &d); err != nil {
		t.Errorf("free-form JSON with a null item rejected: %v", err)
	}
}

func TestRenamedEventsAndEnumValuesAreReadOldAndWrittenNew(t *testing.T) {
	in := `{"kind":"find","sent_at":1,"proto":"shapes/1","zipped":false,"body":{"label":"here"}}`
	m, err := shapes.DecodeStrict([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*shapes.LocateMessage); !ok {
		t.Fatalf("the old event name decoded as %T", m)
	}
	if got := object(t, mustEncode(t, func() ([]byte, error) { return shapes.Encode(m) })); got["kind"] != "locate" {
		t.Errorf("kind = %v, want the new name", got["kind"])
	}
	var d shapes.Drawing
	body := `{"shapes":[],"scale":null,"ids":[],"title":"t","finish":"shiny","tones":["hot","cool","odd"]}`
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if d.Finish == nil || *d.Finish != shapes.FinishGlossy {
		t.Fatalf("closed enum: old value read as %v", d.Finish)
	}
	if len(d.Tones) != 3 || d.Tones[0] != shapes.ToneWarm || d.Tones[1] != shapes.ToneCool || d.Tones[2] != "odd" {
		t.Fatalf("open enum: read %v", d.Tones)
	}
	got := object(t, mustEncode(t, func() ([]byte, error) { return json.Marshal(d) }))
	if got["finish"] != "glossy" {
		t.Errorf("finish written as %v", got["finish"])
	}
	if err := json.Unmarshal([]byte(`{"shapes":[],"scale":null,"ids":[],"title":"t","finish":"satin"}`), &d); err == nil {
		t.Error("a removed value of a closed enum must be refused")
	}
}
