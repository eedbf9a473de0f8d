module memegraph.dev/demo-go

go 1.22
