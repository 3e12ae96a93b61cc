package codec

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"eventc.dev/golden/hostile"
	"eventc.dev/golden/shapes"
)

// verdict is one line of the file codegen/testkit/tests/differential.rs
// writes: a message, and whether the validator finds a problem the
// generated decoders are meant to see (codegen/tests/common/faults.rs).
type verdict struct {
	Contract string `json:"contract"`
	Message  string `json:"message"`
	Valid    bool   `json:"valid"`
	Problems string `json:"problems"`
}

// strictDecoders is DecodeStrict of every contract with a generated Go
// package: the seeds (Contracts) and the golden fixtures.
func strictDecoders() map[string]func([]byte) error {
	out := map[string]func([]byte) error{
		"hostile": func(b []byte) error { _, err := hostile.DecodeStrict(b); return err },
		"shapes":  func(b []byte) error { _, err := shapes.DecodeStrict(b); return err },
	}
	for name, c := range Contracts {
		decode := c.Decode
		out[name] = func(b []byte) error { _, err := decode(b); return err }
	}
	return out
}

// TestDifferentialVerdicts replays the validator's verdicts through the
// generated Go DecodeStrict: it must accept exactly the messages the
// validator finds no decoder-visible problem in. The verdicts come from
// EVENTC_DIFFERENTIAL_VERDICTS, which the Rust differential test sets (it
// writes the file and runs this test); run alone, there is nothing to replay.
func TestDifferentialVerdicts(t *testing.T) {
	path := os.Getenv("EVENTC_DIFFERENTIAL_VERDICTS")
	if path == "" {
		t.Skip("EVENTC_DIFFERENTIAL_VERDICTS not set: run `cargo test -p eventc-testkit --test differential`")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	decoders := strictDecoders()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<26)
	total, disagreements := 0, 0
	kinds := map[string]int{}
	for s.Scan() {
		var v verdict
		if err := json.Unmarshal(s.Bytes(), &v); err != nil {
			t.Fatalf("verdicts line %d: %v", total+1, err)
		}
		decode, ok := decoders[v.Contract]
		if !ok {
			t.Fatalf("no generated Go package for contract %q", v.Contract)
		}
		total++
		err := decode([]byte(v.Message))
		switch {
		case v.Valid && err != nil:
			disagreements++
			kinds[v.Contract+": validator accepts, Go refuses"]++
			if disagreements <= 20 {
				t.Errorf("%s: the validator accepts, Go DecodeStrict refuses (%v):\n%s", v.Contract, err, v.Message)
			}
		case !v.Valid && err == nil:
			disagreements++
			kinds[v.Contract+": validator refuses ("+firstCode(v.Problems)+"), Go accepts"]++
			if disagreements <= 20 {
				t.Errorf("%s: the validator refuses (%s), Go DecodeStrict accepts:\n%s", v.Contract, v.Problems, v.Message)
			}
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Fatal("no verdicts to replay")
	}
	if disagreements > 0 {
		t.Fatalf("%d of %d messages: Go and the validator disagree: %v", disagreements, total, kinds)
	}
	t.Logf("%d messages: Go DecodeStrict agrees with the validator", total)
}

// firstCode is the code of the first problem in a verdict's description.
func firstCode(problems string) string {
	code, _, _ := strings.Cut(problems, " ")
	return code
}
