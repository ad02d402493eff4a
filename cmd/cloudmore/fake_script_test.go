package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// The testscript commands of webhooks trigger and fake serve (registered in TestScripts).

// scriptReceiver is a script's Service Connector: a cloudmore.WebhookReceiver on loopback that
// records the events its handlers get and counts every call (refused ones too).
type scriptReceiver struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls int
	fail  int
	got   []cloudmore.WebhookEvent
}

var receivers sync.Map // *testscript.TestScript -> *scriptReceiver

// cmdReceiver runs the script's receiver:
//
//	receiver start [basic|header|both]  start one with fresh credentials (default both): sets
//	                                    RECEIVER_URL (its mount point, ending in /),
//	                                    RECEIVER_ORIGIN (http://127.0.0.1:port),
//	                                    RECEIVER_CREDENTIALS (their stored form), RECEIVER_USER,
//	                                    RECEIVER_PASSWORD, RECEIVER_HEADER ("Name: value"), and
//	                                    writes the password to the file receiver.password
//	receiver fail N                     the handlers fail (500) the next N events
//	receiver calls N                    N calls reached it, refused ones included
//	receiver count N                    N events reached its handlers
//	receiver last TYPE REGEXP           the last event was TYPE, its body matches REGEXP
func cmdReceiver(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: receiver start|fail|calls|count|last ...")
	}
	if args[0] == "start" {
		startReceiver(ts, args[1:])
		return
	}
	v, ok := receivers.Load(ts)
	if !ok {
		ts.Fatalf("receiver: run 'receiver start' first")
	}
	r := v.(*scriptReceiver)
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case args[0] == "fail" && len(args) == 2:
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		r.fail = n
	case (args[0] == "calls" || args[0] == "count") && len(args) == 2:
		want, err := strconv.Atoi(args[1])
		ts.Check(err)
		got := r.calls
		if args[0] == "count" {
			got = len(r.got)
		}
		if got != want {
			ts.Fatalf("receiver: %d %s, want %d", got, args[0], want)
		}
	case args[0] == "last" && len(args) == 3:
		if len(r.got) == 0 {
			ts.Fatalf("receiver: no event")
		}
		ev := r.got[len(r.got)-1]
		if string(ev.Type) != args[1] {
			ts.Fatalf("receiver: the last event is %s, want %s", ev.Type, args[1])
		}
		if !regexp.MustCompile(args[2]).Match(ev.Raw) {
			ts.Fatalf("receiver: the last event's body %s does not match %s", ev.Raw, args[2])
		}
	default:
		ts.Fatalf("receiver: unknown %q", args)
	}
}

func startReceiver(ts *testscript.TestScript, args []string) {
	creds, err := cloudmore.GenerateWebhookCredentials()
	ts.Check(err)
	kind := "both"
	if len(args) > 0 {
		kind = args[0]
	}
	switch kind {
	case "basic":
		creds.HeaderName, creds.HeaderValue = "", ""
	case "header":
		creds.Username, creds.Password = "", ""
	case "both":
	default:
		ts.Fatalf("receiver start: want basic, header or both")
	}
	r := &scriptReceiver{}
	recv := cloudmore.NewWebhookReceiver(creds)
	recv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, typ := range cloudmore.WebhookTriggerEventTypes() {
		recv.On(typ, func(_ context.Context, ev *cloudmore.WebhookEvent) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.fail > 0 {
				r.fail--
				return errors.New("the script asked for a failure")
			}
			r.got = append(r.got, *ev)
			return nil
		})
	}
	mux := http.NewServeMux()
	mux.Handle("/cloudmore/", recv)
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.calls++
		r.mu.Unlock()
		mux.ServeHTTP(w, req)
	}))
	ts.Defer(r.srv.Close)
	ts.Defer(func() { receivers.Delete(ts) })
	receivers.Store(ts, r)
	ts.Setenv("RECEIVER_URL", r.srv.URL+"/cloudmore/")
	ts.Setenv("RECEIVER_ORIGIN", r.srv.URL)
	ts.Setenv("RECEIVER_CREDENTIALS", creds.SecretString())
	ts.Setenv("RECEIVER_USER", creds.Username)
	ts.Setenv("RECEIVER_PASSWORD", creds.Password)
	ts.Setenv("RECEIVER_HEADER", creds.HTTPHeader())
	ts.Check(os.WriteFile(ts.MkAbs("receiver.password"), []byte(creds.Password+"\n"), 0o600))
}

// cmdFreeport: freeport VAR sets VAR to a loopback port free now (for fake serve --addr).
func cmdFreeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	ts.Check(l.Close())
}

// cmdWaitserve: waitserve URL waits until a fake serves URL (its healthcheck answers 200),
// for at most a minute.
func cmdWaitserve(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitserve URL")
	}
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(args[0] + "/api/healthcheck")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			ts.Fatalf("nothing serves %s: %v", args[0], err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
