package codec

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// vectorsDir is tests/vectors of the repository, relative to this package.
const vectorsDir = "../../vectors"

type vector struct {
	Name    string          `json:"name"`
	Message json.RawMessage `json:"message"`
	Raw     *string         `json:"raw"`
}

// input is the text the vector gives to a decoder.
func (v vector) input() []byte {
	if v.Raw != nil {
		return []byte(*v.Raw)
	}
	return v.Message
}

func readVectors(t testing.TB, path string) []vector {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []vector
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var v vector
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, v)
	}
	return out
}

func contractDirs(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(vectorsDir)
	if err != nil {
		t.Fatalf("read %s: %v", vectorsDir, err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	sort.Strings(dirs)
	if len(dirs) < 5 {
		t.Fatalf("expected vectors for five contracts, found %v", dirs)
	}
	return dirs
}

func codecFor(t testing.TB, contract string) Codec {
	t.Helper()
	c, ok := Contracts[contract]
	if !ok {
		t.Fatalf("no generated Go package registered for contract %q", contract)
	}
	return c
}

// Every valid vector decodes, re-encodes, decodes again and re-encodes to the same bytes.
func TestValidVectorsRoundTrip(t *testing.T) {
	total := 0
	for _, contract := range contractDirs(t) {
		c := codecFor(t, contract)
		for _, v := range readVectors(t, filepath.Join(vectorsDir, contract, "valid.jsonl")) {
			first, err := c.Reencode(v.input())
			if err != nil {
				t.Errorf("%s/%s: valid vector rejected: %v", contract, v.Name, err)
				continue
			}
			second, err := c.Reencode(first)
			if err != nil {
				t.Errorf("%s/%s: re-encoded message rejected: %v\n%s", contract, v.Name, err, first)
				continue
			}
			if !bytes.Equal(first, second) {
				t.Errorf("%s/%s: encoding is not stable:\n%s\n%s", contract, v.Name, first, second)
			}
			total++
		}
	}
	t.Logf("%d valid vectors decoded, re-encoded and decoded again", total)
	if total == 0 {
		t.Fatal("no valid vectors found")
	}
}

// Every invalid vector is rejected by DecodeStrict: the types refuse type
// faults, Validate refuses value faults (ranges, patterns, lengths, timestamp
// formats, channel addresses, derived envelope fields), as eventc validate does.
func TestInvalidVectorsRejected(t *testing.T) {
	rejected := 0
	for _, contract := range contractDirs(t) {
		c := codecFor(t, contract)
		for _, v := range readVectors(t, filepath.Join(vectorsDir, contract, "invalid.jsonl")) {
			if _, err := c.Decode(v.input()); err == nil {
				t.Errorf("%s/%s: invalid vector accepted", contract, v.Name)
			} else {
				rejected++
			}
		}
	}
	if rejected == 0 {
		t.Fatal("no invalid vectors found")
	}
	t.Logf("%d invalid vectors rejected", rejected)
}
