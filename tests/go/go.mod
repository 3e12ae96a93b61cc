module eventc.dev/tests

go 1.22

require (
	eventc.dev/generated v0.0.0
	eventc.dev/golden v0.0.0
)

replace (
	eventc.dev/generated => ../../generated/go
	eventc.dev/golden => ../golden/expected/go
)
