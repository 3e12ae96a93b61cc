package codec

import (
	"bytes"
	"path/filepath"
	"testing"
)

// fuzzReencode checks the property every generated decoder keeps on any
// input: it never panics; a message it accepts, Encode writes; and what
// Encode writes, Decode reads back and Encode writes again byte for byte.
// The seeds are the contract's valid and invalid vectors.
func fuzzReencode(f *testing.F, contract string) {
	c := codecFor(f, contract)
	for _, file := range []string{"valid.jsonl", "invalid.jsonl"} {
		for _, v := range readVectors(f, filepath.Join(vectorsDir, contract, file)) {
			f.Add(v.input())
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := c.Decode(data)
		if err != nil {
			return
		}
		out, err := c.Encode(m)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", data, err)
		}
		again, err := c.Reencode(out)
		if err != nil {
			t.Fatalf("cannot read its own output %s: %v", out, err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("output not stable:\n%s\n%s", out, again)
		}
	})
}

func FuzzBagbot(f *testing.F)          { fuzzReencode(f, "bagbot") }
func FuzzTrading(f *testing.F)         { fuzzReencode(f, "trading") }
func FuzzProjectProgress(f *testing.F) { fuzzReencode(f, "project-progress") }
func FuzzOperations(f *testing.F)      { fuzzReencode(f, "operations") }
func FuzzWse(f *testing.F)             { fuzzReencode(f, "wse") }
