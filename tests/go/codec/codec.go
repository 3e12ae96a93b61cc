// Package codec gives the generated packages one shape, keyed by contract
// name, for the conformance tests and the reencode tool.
package codec

import (
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
}

func of[M any](decode func([]byte) (M, error), encode func(M) ([]byte, error)) Codec {
	return Codec{
		Decode: func(data []byte) (any, error) { return decode(data) },
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
	"bagbot":           of(bagbot.DecodeStrict, bagbot.Encode),
	"operations":       of(operations.DecodeStrict, operations.Encode),
	"project-progress": of(projectprogress.DecodeStrict, projectprogress.Encode),
	"project_progress": of(projectprogress.DecodeStrict, projectprogress.Encode),
	"trading":          of(trading.DecodeStrict, trading.Encode),
	"wse":              of(wse.DecodeStrict, wse.Encode),
}

// Reencode decodes one message and encodes it again.
func (c Codec) Reencode(data []byte) ([]byte, error) {
	m, err := c.Decode(data)
	if err != nil {
		return nil, err
	}
	return c.Encode(m)
}
