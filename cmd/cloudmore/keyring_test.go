package main

import (
	"encoding/json"
	"errors"
	"os"
	"runtime"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/zalando/go-keyring"
)

// The tests never reach the system keyring of the machine they run on. In the test binary
// (and so in the scripts, which run the command as the test binary), the keyring is
//
//   - with CLOUDMORE_TEST_KEYRING=FILE: fileKeyring, a stub that keeps its items in FILE, so
//     that one script command can read what an earlier one stored;
//   - otherwise: go-keyring's mock, failing every call as a machine without a keyring does,
//     so that the profiles file is used (the unit tests install a working mock with
//     keyring.MockInit where they want one).
//
// The variable is read only here: the command itself has no switch to another keyring.
func init() {
	if path := os.Getenv("CLOUDMORE_TEST_KEYRING"); path != "" {
		secretStore = fileKeyring{path}
		return
	}
	keyring.MockInitWithError(errNoTestKeyring)
}

var errNoTestKeyring = errors.New("no keyring in the tests")

// fileKeyring is a keyring stub whose items live in a JSON file: service -> user -> secret.
type fileKeyring struct{ path string }

func (k fileKeyring) load() (map[string]map[string]string, error) {
	m := map[string]map[string]string{}
	b, err := os.ReadFile(k.path)
	if errors.Is(err, os.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	return m, json.Unmarshal(b, &m)
}

func (k fileKeyring) store(m map[string]map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(k.path, b, 0o600)
}

func (k fileKeyring) Set(service, user, secret string) error {
	m, err := k.load()
	if err != nil {
		return err
	}
	if m[service] == nil {
		m[service] = map[string]string{}
	}
	m[service][user] = secret
	return k.store(m)
}

func (k fileKeyring) Get(service, user string) (string, error) {
	m, err := k.load()
	if err != nil {
		return "", err
	}
	s, ok := m[service][user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return s, nil
}

func (k fileKeyring) Delete(service, user string) error {
	m, err := k.load()
	if err != nil {
		return err
	}
	if _, ok := m[service][user]; !ok {
		return keyring.ErrNotFound
	}
	delete(m[service], user)
	return k.store(m)
}

func (k fileKeyring) DeleteAll(service string) error {
	m, err := k.load()
	if err != nil {
		return err
	}
	delete(m, service)
	return k.store(m)
}

// cmdMode: mode PERM FILE checks that FILE's permission bits are PERM (octal, 0600); on
// Windows, which has no such bits, it checks only that FILE exists.
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mode PERM FILE")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	fi, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if runtime.GOOS != "windows" && uint64(fi.Mode().Perm()) != want {
		ts.Fatalf("%s has mode %04o, want %04o", args[1], fi.Mode().Perm(), want)
	}
}
