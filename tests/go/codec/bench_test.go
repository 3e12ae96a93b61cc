package codec

import (
	"path/filepath"
	"testing"
)

// benchVectors returns the inputs of the valid vectors of each contract and
// their total size, after checking that each decodes.
func benchVectors(b *testing.B, contract string) (Codec, [][]byte, int64) {
	b.Helper()
	c := codecFor(b, contract)
	var inputs [][]byte
	var size int64
	for _, v := range readVectors(b, filepath.Join(vectorsDir, contract, "valid.jsonl")) {
		in := v.input()
		if _, err := c.Decode(in); err != nil {
			b.Fatalf("%s/%s: %v", contract, v.Name, err)
		}
		inputs = append(inputs, in)
		size += int64(len(in))
	}
	return c, inputs, size
}

// BenchmarkDecode decodes the valid vectors of each contract (one op: the
// whole stream of a contract) with its generated DecodeStrict.
func BenchmarkDecode(b *testing.B) {
	for _, contract := range contractDirs(b) {
		b.Run(contract, func(b *testing.B) {
			c, inputs, size := benchVectors(b, contract)
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, in := range inputs {
					if _, err := c.Decode(in); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkRoundTrip decodes and re-encodes the valid vectors of each contract.
func BenchmarkRoundTrip(b *testing.B) {
	for _, contract := range contractDirs(b) {
		b.Run(contract, func(b *testing.B) {
			c, inputs, size := benchVectors(b, contract)
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, in := range inputs {
					if _, err := c.Reencode(in); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
