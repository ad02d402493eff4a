package main

import (
	"context"
	"errors"
	"fmt"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// Exit codes a script can branch on.
const (
	exitOK          = 0   // success
	exitError       = 1   // an API or other error
	exitUsage       = 2   // bad usage or input refused before the network
	exitAuth        = 3   // authentication refused
	exitUnknown     = 4   // the outcome is unknown: a create may have happened
	exitInterrupted = 130 // interrupted (Ctrl-C or SIGTERM)
)

// exitCodesHelp is the exit-code table of --help.
const exitCodesHelp = `Exit codes:
  0    success
  1    an API or other error (a failed price change, a report with discrepancies under --strict)
  2    bad usage or input refused before the network (a bad id, a missing flag, a bad file,
       a delete not confirmed)
  3    authentication refused (wrong credentials, client id or secret)
  4    the outcome is unknown: a create or update was sent and no answer came back;
       check whether it happened before running it again
  130  interrupted (Ctrl-C or SIGTERM)`

// usageError is bad usage found by the command itself (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// exitError carries an exit code with an error that has already been reported (or needs no
// message beyond its own).
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

// exitCode maps an error to the command's exit code.
func exitCode(ctx context.Context, err error) int {
	var ce *codeError
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		return ce.code
	case ctx.Err() != nil: // the context is cancelled only by Ctrl-C or SIGTERM

		return exitInterrupted
	case errors.As(err, &ue), errors.Is(err, cloudmore.ErrValidation), isCobraUsage(err):
		return exitUsage
	case errors.Is(err, cloudmore.ErrAuth):
		return exitAuth
	case errors.Is(err, cloudmore.ErrOutcomeUnknown):
		return exitUnknown
	}
	return exitError
}
