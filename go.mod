module github.com/cloudmore-sdk/cloudmore-go

go 1.25.0

require (
	github.com/google/go-querystring v1.2.0
	golang.org/x/oauth2 v0.36.0
)
