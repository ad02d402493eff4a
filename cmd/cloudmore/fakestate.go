package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// The fake's state in a file (cloudmoretest's SaveState and LoadState): `fake serve --state
// FILE`, and `--fake --fake-state FILE` (or CLOUDMORE_FAKE_STATE) for the commands that start
// the fake in the process, so that a demo that creates an organization reads it back in the
// next command.

// fakeStateVar is --fake-state's variable.
const fakeStateVar = "CLOUDMORE_FAKE_STATE"

// checkFakeState takes --fake-state (or CLOUDMORE_FAKE_STATE, with --fake); the flag without
// --fake is bad usage, the variable is then not used.
func (a *app) checkFakeState() error {
	if a.fakeState != "" && !a.fake {
		return usagef("--fake-state is the built-in fake's state: give --fake (or CLOUDMORE_FAKE=1) too")
	}
	if a.fakeState == "" && a.fake {
		a.fakeState = a.getenv(fakeStateVar)
	}
	return nil
}

// loadFakeState loads --fake-state into the fake just started, when the file exists.
func (a *app) loadFakeState(srv *cloudmoretest.Server) error {
	if a.fakeState == "" {
		return nil
	}
	return loadStateFile(srv, a.fakeState)
}

// saveFakeState writes the fake's state to --fake-state, when the command started the fake.
func (a *app) saveFakeState() error {
	if a.fakeState == "" || a.fakeSrv == nil {
		return nil
	}
	if err := saveStateFile(a.fakeSrv, a.fakeState); err != nil {
		return fmt.Errorf("--fake-state %s: not saved: %w", a.fakeState, err)
	}
	return nil
}

// loadStateFile loads the state in path into srv; a missing file is no state yet (the fake
// keeps its seed). A file that is not a state document is bad input.
func loadStateFile(srv *cloudmoretest.Server, path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &usageError{err}
	}
	if err := srv.LoadState(bytes.NewReader(b)); err != nil {
		return usagef("%s: %v", path, err)
	}
	return nil
}

// saveStateFile writes srv's state to path, whole or not at all (a file beside it renamed
// over it), with mode 0600: it holds the webhooks' credentials.
func saveStateFile(srv *cloudmoretest.Server, path string) error {
	var b bytes.Buffer
	if err := srv.SaveState(&b); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cloudmore-state-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// finishFake ends a run that started the fake in the process: it waits (10 s at most) for the
// webhook calls the fake has queued, so that they reach the connector before the process ends,
// and saves --fake-state. err is the command's error; a save that fails makes it the error, or
// is printed when the command failed already.
func (a *app) finishFake(err error) error {
	if a.fakeSrv == nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = a.fakeSrv.WaitWebhookDeliveries(ctx)
	serr := a.saveFakeState()
	switch {
	case serr == nil:
		return err
	case err == nil:
		return serr
	}
	fmt.Fprintln(a.stderr, "cloudmore: "+serr.Error())
	return err
}
