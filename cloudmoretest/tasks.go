package cloudmoretest

import (
	"net/http"
	"strings"
)

// task is an asynchronous job: the billing report of MonthlyBillingPerOrganizationAsync, the
// CSP user list of usersAsync, an NCE upgrade. It answers "not ready" for PollsUntilDone
// polls; the poll after that runs finish once and keeps its result for later polls.
type task struct {
	id, kind, scope string // scope: the organization (or "" for broker-wide tasks)
	pollsLeft       int
	done            bool
	finish          func() any
	result          any
}

// Kinds of task.
const (
	taskBillingPerOrganization = "billing.MonthlyBillingPerOrganizationAsync"
	taskCSPUsers               = "csp.usersAsync"
	taskNCEUpgrade             = "csp.nce.upgrade"
)

// newTask registers a task; finish runs (with the state locked) when it completes.
func (st *state) newTask(kind, scope string, finish func() any) *task {
	t := &task{id: newID(), kind: kind, scope: strings.ToLower(scope), pollsLeft: st.opts.PollsUntilDone, finish: finish}
	st.tasks[t.id] = t
	return t
}

// poll counts one poll and reports whether the task is done, with its result.
func (t *task) poll() (any, bool) {
	if t.done {
		return t.result, true
	}
	if t.pollsLeft > 0 {
		t.pollsLeft--
		return nil, false
	}
	t.done = true
	t.result = t.finish()
	return t.result, true
}

// startTask answers the POST that starts a task the way Cloudmore's asynchronous endpoints
// do: 202 Accepted, the task's URL in Location, and {"taskId": "..."} as the body.
func (s *Server) startTask(w http.ResponseWriter, kind, scope string, location func(taskID string) string, finish func() any) {
	t := s.st.newTask(kind, scope, finish)
	w.Header().Set("Location", location(t.id))
	writeJSON(w, http.StatusAccepted, map[string]string{"taskId": t.id})
}

// pollTask answers the GET of a task: 202 {"status":"Processing"} while it runs, then 200
// with the result. A task of another kind or scope is not found.
func (s *Server) pollTask(w http.ResponseWriter, kind, scope, id string) {
	t := s.st.tasks[strings.ToLower(id)]
	if t == nil || t.kind != kind || t.scope != strings.ToLower(scope) {
		notFound(w, "Task '%s' was not found.", id)
		return
	}
	result, done := t.poll()
	if !done {
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "Processing"})
		return
	}
	writeJSON(w, http.StatusOK, result)
}
