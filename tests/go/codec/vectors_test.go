package codec

import (
	"bufio"
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

// valueFaults reads testdata/value_faults.txt: "contract/name" -> fault class.
func valueFaults(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../testdata/value_faults.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Fields(line)
		if len(parts) != 3 {
			t.Fatalf("value_faults.txt: malformed line %q", line)
		}
		out[parts[0]+"/"+parts[1]] = parts[2]
	}
	return out
}

// Invalid vectors are rejected unless their fault is a value constraint listed in value_faults.txt.
func TestInvalidVectorsRejected(t *testing.T) {
	faults := valueFaults(t)
	seen := map[string]bool{}
	rejected, accepted := 0, 0
	for _, contract := range contractDirs(t) {
		c := codecFor(t, contract)
		for _, v := range readVectors(t, filepath.Join(vectorsDir, contract, "invalid.jsonl")) {
			id := contract + "/" + v.Name
			class, valueFault := faults[id]
			seen[id] = true
			_, err := c.Decode(v.input())
			switch {
			case err != nil && valueFault:
				t.Errorf("%s: listed as a %s fault the types do not see, but rejected: %v", id, class, err)
			case err == nil && !valueFault:
				t.Errorf("%s: invalid vector accepted", id)
			case err != nil:
				rejected++
			default:
				accepted++
			}
		}
	}
	for id := range faults {
		if !seen[id] {
			t.Errorf("value_faults.txt names %s, which is not an invalid vector", id)
		}
	}
	t.Logf("%d invalid vectors rejected, %d accepted as value-constraint faults (left to eventc validate)", rejected, accepted)
}
