module eventc.dev/examples/service/go-client

go 1.23

require eventc.dev/generated v0.0.0

require github.com/coder/websocket v1.8.14

replace eventc.dev/generated => ../../../generated/go
