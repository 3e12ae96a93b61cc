// Command reencode decodes messages with the generated Go package of a
// contract and encodes them again, for cross-language conformance tests.
//
// Usage: reencode <contract> <in.jsonl> <out.jsonl>
//
// Every input line is one JSON message; the output has exactly one line per
// input line (a blank line is an error result):
// {"ok":true,"message":<re-encoded message>} or {"ok":false,"error":"…"},
// the latter with "problems":[{"code":…,"path":…}] when the message broke
// value rules (the generated package's *ValidationError).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"eventc.dev/tests/codec"
)

type result struct {
	OK       bool            `json:"ok"`
	Message  json.RawMessage `json:"message,omitempty"`
	Error    string          `json:"error,omitempty"`
	Problems []problem       `json:"problems,omitempty"`
}

type problem struct {
	Code string `json:"code"`
	Path string `json:"path"`
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reencode:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) != 3 {
		return fmt.Errorf("usage: reencode <contract> <in.jsonl> <out.jsonl>")
	}
	c, ok := codec.Contracts[args[0]]
	if !ok {
		return fmt.Errorf("unknown contract %q", args[0])
	}
	in, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	out, err := os.Create(args[2])
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	lines := strings.Split(string(in), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the newline ending the last line
	}
	for _, line := range lines {
		var r result
		if msg, err := c.Reencode([]byte(line)); err != nil {
			r.Error = err.Error()
			for _, p := range c.Problems(err) {
				r.Problems = append(r.Problems, problem{p.Code, p.Path})
			}
		} else {
			r.OK, r.Message = true, msg
		}
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return out.Close()
}
