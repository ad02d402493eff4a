package main

import (
	"context"
	"errors"
	"testing"
)

// A deferred cleanup runs when run fails too, the last registered first, with a context that
// the run's cancellation (Ctrl-C) does not reach, and its error joins the run's.
func TestCleanup(t *testing.T) {
	var order []string
	runCtx, cancel := context.WithCancel(context.Background())
	failing := func() (err error) {
		defer cleanup(&err, func(ctx context.Context) error {
			order = append(order, "first")
			return ctx.Err()
		})
		defer cleanup(&err, func(ctx context.Context) error {
			order = append(order, "second")
			return errors.New("cannot delete")
		})
		cancel() // Ctrl-C
		return runCtx.Err()
	}
	err := failing()
	if got := []string{"second", "first"}; len(order) != 2 || order[0] != got[0] || order[1] != got[1] {
		t.Errorf("cleanups ran %v, want %v", order, got)
	}
	if err == nil || err.Error() != "context canceled\ncleanup: cannot delete" {
		t.Errorf("error %q, want the run's error and the cleanup's", err)
	}
}
