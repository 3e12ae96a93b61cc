package codec

import (
	"bufio"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"eventc.dev/golden/hostile"
	"eventc.dev/golden/shapes"
)

// verdict is one line of the file codegen/testkit/tests/differential.rs
// writes: a message, whether the validator accepts it, its problems as
// text, and their codes, sorted (what a decoder refusing on value rules
// alone reports; paths differ where a field is given under an alias).
type verdict struct {
	Contract string   `json:"contract"`
	Message  string   `json:"message"`
	Valid    bool     `json:"valid"`
	Problems string   `json:"problems"`
	Codes    []string `json:"codes"`
}

// strictDecoders is the codec of every contract with a generated Go
// package: the seeds (Contracts) and the golden fixtures.
func strictDecoders() map[string]Codec {
	out := map[string]Codec{
		"hostile": of(hostile.DecodeStrict, hostile.Encode,
			problemsOf(func(e *hostile.ValidationError) []hostile.Problem { return e.Problems })),
		"shapes": of(shapes.DecodeStrict, shapes.Encode,
			problemsOf(func(e *shapes.ValidationError) []shapes.Problem { return e.Problems })),
	}
	for name, c := range Contracts {
		out[name] = c
	}
	return out
}

// sortedCodes is the codes of problems, sorted.
func sortedCodes(problems []Problem) []string {
	out := make([]string, 0, len(problems))
	for _, p := range problems {
		out = append(out, p.Code)
	}
	sort.Strings(out)
	return out
}

// TestDifferentialVerdicts replays the validator's verdicts through the
// generated Go DecodeStrict: it must accept exactly the messages the
// validator accepts, and when it refuses one on value rules (a
// *ValidationError), name the codes of the validator's problems. The verdicts come from
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
		codec, ok := decoders[v.Contract]
		if !ok {
			t.Fatalf("no generated Go package for contract %q", v.Contract)
		}
		total++
		_, err := codec.Decode([]byte(v.Message))
		found := codec.Problems(err)
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
		case found != nil && !reflect.DeepEqual(sortedCodes(found), v.Codes):
			disagreements++
			kinds[v.Contract+": Go finds other problems than the validator ("+firstCode(v.Problems)+")"]++
			if disagreements <= 20 {
				t.Errorf("%s: Go DecodeStrict finds %v, the validator %s:\n%s", v.Contract, sortedCodes(found), v.Problems, v.Message)
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
