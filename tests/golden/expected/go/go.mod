module eventc.dev/golden

go 1.22
