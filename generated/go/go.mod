module eventc.dev/generated

go 1.22
