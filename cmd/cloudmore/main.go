// Command cloudmore is a command-line tool on the cloudmore-go SDK: every operation of
// Cloudmore's API as noun-verb commands (organizations list, subscriptions get, ...), built from
// the SDK's declarations (cloudmore.Operations; each command's help names the operation it
// calls), the asynchronous
// billing report, bulk price updates, any operation through `cloudmore api`, a built-in fake
// (--fake, `cloudmore fake serve`), webhook calls to a local Service Connector (`cloudmore
// webhooks trigger`), a check of the SDK against Cloudmore's Swagger document
// (`cloudmore swagger check`) and a generator of its models' typed fields from that document
// (`cloudmore swagger types`). It uses only the SDK's public API.
//
// Exit codes: 0 success; 1 an API or other error; 2 bad usage or input refused before the
// network; 3 authentication refused; 4 the outcome is unknown (a create may have happened);
// 130 interrupted (Ctrl-C or SIGTERM).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGTERM (a service manager, a container stopping, kill) ends a run as Ctrl-C does: fake
	// serve shuts down cleanly, a report wait prints its --resume line.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
