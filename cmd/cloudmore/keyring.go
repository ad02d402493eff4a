package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// A profile's password and client secret go to the system keyring (macOS Keychain, the
// Secret Service of GNOME Keyring or KWallet over D-Bus, Windows Credential Manager) through
// github.com/zalando/go-keyring, which needs no cgo. Where none answers, they stay in the
// profiles file (mode 0600), and the command says so. One keyring item per profile: service
// keyringService, account the profile's name, secret the JSON of keyringSecrets.

// keyringService is the service name of the command's keyring items.
const keyringService = "cloudmore-cli"

// keyringTimeout bounds one keyring call: a Secret Service that never answers (a D-Bus session
// without a keyring daemon) counts as no keyring rather than a command that hangs.
var keyringTimeout = 5 * time.Second

// secretStore is the keyring the command uses: the system's, each call bounded. The tests
// replace it (keyring_test.go: the scripts' file-backed stub, or go-keyring's MockInit); the
// command itself has no switch.
var secretStore keyring.Keyring = boundedKeyring{systemKeyring{}}

// systemKeyring is go-keyring's system keyring.
type systemKeyring struct{}

func (systemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (systemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (systemKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }
func (systemKeyring) DeleteAll(service string) error           { return keyring.DeleteAll(service) }

// boundedKeyring gives up on a call to its keyring after keyringTimeout.
type boundedKeyring struct{ kr keyring.Keyring }

func (k boundedKeyring) Set(service, user, secret string) error {
	_, err := withTimeout(func() (string, error) { return "", k.kr.Set(service, user, secret) })
	return err
}

func (k boundedKeyring) Get(service, user string) (string, error) {
	return withTimeout(func() (string, error) { return k.kr.Get(service, user) })
}

func (k boundedKeyring) Delete(service, user string) error {
	_, err := withTimeout(func() (string, error) { return "", k.kr.Delete(service, user) })
	return err
}

func (k boundedKeyring) DeleteAll(service string) error {
	_, err := withTimeout(func() (string, error) { return "", k.kr.DeleteAll(service) })
	return err
}

// withTimeout runs f, giving up after keyringTimeout (f goes on in the background; the
// command ends soon after).
func withTimeout(f func() (string, error)) (string, error) {
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		s, err := f()
		ch <- result{s, err}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-time.After(keyringTimeout):
		return "", fmt.Errorf("the keyring did not answer in %v", keyringTimeout)
	}
}

// keyringSecrets is what one profile keeps in the keyring.
type keyringSecrets struct {
	ClientSecret string `json:"clientSecret,omitempty"`
	Password     string `json:"password,omitempty"`
}

// storeSecrets puts p's secrets in the keyring under name and takes them out of p (marking
// it Keyring); where the keyring refuses, p keeps them (for the profiles file) and the
// keyring's error is returned.
func storeSecrets(name string, p *profile) error {
	b, err := json.Marshal(keyringSecrets{ClientSecret: p.ClientSecret, Password: p.Password})
	if err != nil {
		return err
	}
	if err := secretStore.Set(keyringService, name, string(b)); err != nil {
		p.Keyring = false
		return err
	}
	p.ClientSecret, p.Password, p.Keyring = "", "", true
	return nil
}

// loadSecrets fills in the secrets of a profile that keeps them in the keyring.
func loadSecrets(name string, p *profile) error {
	if !p.Keyring {
		return nil
	}
	s, err := secretStore.Get(keyringService, name)
	if errors.Is(err, keyring.ErrNotFound) {
		return usagef("profile %q keeps its password and client secret in the system keyring, and they are not there: run cloudmore profile login %s", name, name)
	}
	if err != nil {
		return usagef("profile %q keeps its password and client secret in the system keyring, which could not be read: %v", name, err)
	}
	var ks keyringSecrets
	if err := json.Unmarshal([]byte(s), &ks); err != nil {
		return usagef("profile %q: its keyring item (service %q) is not the command's: run cloudmore profile login %s", name, keyringService, name)
	}
	p.ClientSecret, p.Password = ks.ClientSecret, ks.Password
	return nil
}

// deleteSecrets removes a profile's keyring item, if it has one; an item already gone is no
// error.
func deleteSecrets(name string, p profile) error {
	if !p.Keyring {
		return nil
	}
	if err := secretStore.Delete(keyringService, name); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}

// saveProfile writes p as profile name: its secrets in the keyring where one answers, else in
// the profiles file (mode 0600). It tells stderr where each went, naming the file.
func (a *app) saveProfile(name string, p profile) error {
	a.secrets = append(a.secrets, p.ClientSecret, p.Password)
	ps, path, err := readProfiles(a.getenv)
	if err != nil {
		return err
	}
	kerr := storeSecrets(name, &p)
	ps[name] = p
	if err := writeProfiles(path, ps); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "saved profile %q in %s\n", name, path)
	if kerr == nil {
		fmt.Fprintf(a.stderr, "its password and client secret are in the system keyring (service %q, account %q)\n", keyringService, name)
	} else {
		fmt.Fprintf(a.stderr, "no system keyring (%s): its password and client secret are in %s (mode 0600)\n", a.redact(kerr.Error()), path)
	}
	return nil
}
