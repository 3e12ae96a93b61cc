package behavior

import (
	"testing"

	"eventc.dev/golden/shapes"
)

// An optional field held in a slice or map (optionalValue in the generated
// runtime) given twice is refused like any other repeated key, as the
// validator and the Rust decoder refuse it. Found by the differential test.
func TestRepeatedOptionalContainerKeyIsRefused(t *testing.T) {
	in := `{"kind":"draw","body":{"shapes":[],"layers":{},"scale":null,"ids":[],"title":"","layers":{}},` +
		`"sent_at":1768384800,"proto":"shapes/1","zipped":false}`
	_, err := shapes.DecodeStrict([]byte(in))
	refused(t, "optional map field", err, "layers")
	once := `{"kind":"draw","body":{"shapes":[],"layers":{},"scale":null,"ids":[],"title":""},` +
		`"sent_at":1768384800,"proto":"shapes/1","zipped":false}`
	if _, err := shapes.DecodeStrict([]byte(once)); err != nil {
		t.Errorf("the same message with the key once: %v", err)
	}
}
