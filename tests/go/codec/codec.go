// Package codec gives the generated packages one shape, keyed by contract
// name, for the conformance tests and the reencode tool.
package codec

import (
	"errors"
	"fmt"

	"eventc.dev/generated/bagbot"
	"eventc.dev/generated/operations"
	"eventc.dev/generated/projectprogress"
	"eventc.dev/generated/trading"
	"eventc.dev/generated/wse"
)

// Codec decodes and encodes the messages of one contract.
type Codec struct {
	// Decode reads a message strictly: events the contract does not declare
	// are rejected when the contract denies them.
	Decode func([]byte) (any, error)
	// Encode writes a message that Decode returned.
	Encode func(any) ([]byte, error)
	// Problems lists the value-rule problems of an error Decode returned
	// (its package's *ValidationError); nil for any other error.
	Problems func(error) []Problem
}

// Problem is a generated package's Problem: a value-rule code, the JSON
// Pointer of the value and a message.
type Problem struct {
	Code    string
	Path    string
	Message string
}

// problemsOf reads the problems of a package's validation error type E.
func problemsOf[E error, P ~struct {
	Code    string
	Path    string
	Message string
}](problems func(E) []P) func(error) []Problem {
	return func(err error) []Problem {
		var e E
		if !errors.As(err, &e) {
			return nil
		}
		out := make([]Problem, 0, len(problems(e)))
		for _, p := range problems(e) {
			out = append(out, Problem(p))
		}
		return out
	}
}

func of[M any](decode func([]byte) (M, error), encode func(M) ([]byte, error), problems func(error) []Problem) Codec {
	return Codec{
		Problems: problems,
		Decode:   func(data []byte) (any, error) { return decode(data) },
		Encode: func(m any) ([]byte, error) {
			msg, ok := m.(M)
			if !ok {
				return nil, fmt.Errorf("not a message of this contract: %T", m)
			}
			return encode(msg)
		},
	}
}

// Contracts maps contract names (as in contracts/<name>.yaml) to codecs.
var Contracts = map[string]Codec{
	"bagbot": of(bagbot.DecodeStrict, bagbot.Encode,
		problemsOf(func(e *bagbot.ValidationError) []bagbot.Problem { return e.Problems })),
	"operations": of(operations.DecodeStrict, operations.Encode,
		problemsOf(func(e *operations.ValidationError) []operations.Problem { return e.Problems })),
	"project-progress": projectProgress,
	"project_progress": projectProgress,
	"trading": of(trading.DecodeStrict, trading.Encode,
		problemsOf(func(e *trading.ValidationError) []trading.Problem { return e.Problems })),
	"wse": of(wse.DecodeStrict, wse.Encode,
		problemsOf(func(e *wse.ValidationError) []wse.Problem { return e.Problems })),
}

// projectProgress is listed under the contract's name and its file's.
var projectProgress = of(projectprogress.DecodeStrict, projectprogress.Encode,
	problemsOf(func(e *projectprogress.ValidationError) []projectprogress.Problem { return e.Problems }))

// Reencode decodes one message and encodes it again.
func (c Codec) Reencode(data []byte) ([]byte, error) {
	m, err := c.Decode(data)
	if err != nil {
		return nil, err
	}
	return c.Encode(m)
}
