package cloudmore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/cloudmore-sdk/cloudmore-go/internal/jsonx"
)

// DecodeBillingReport reads a general billing report per organization from r (a saved answer
// of GetMonthlyBillingPerOrganization or of the asynchronous report) one organization at a
// time, so memory stays flat whatever the file's size. Each organization comes with its
// BillingDate set. The report is the JSON array of billing runs Cloudmore's guide shows; an
// object that wraps such an array is read too when exactly one of its members is an array (an
// object with several arrays is an error: the SDK cannot tell which one is the report).
// Every element of the array must be a billing run (an object with a billingDate or an
// organizations member, or null); anything else is an error, never an empty report.
// Breaking out of the loop stops reading.
//
// If an organization's billing run names its billingDate after its organizations (Cloudmore's
// example names it first), that run's organizations are held until the date is read.
func DecodeBillingReport(r io.Reader) iter.Seq2[*OrganizationBilling, error] {
	return func(yield func(*OrganizationBilling, error) bool) {
		st, err := streamBillingReport(r, func(o *OrganizationBilling) bool { return yield(o, nil) })
		if err == errStopped {
			return
		}
		if err == nil {
			err = st.finished("", "")
		}
		if err != nil {
			yield(nil, err)
		}
	}
}

// ReadBillingReport reads a whole general billing report per organization from r (see
// DecodeBillingReport for what it accepts). It decodes as it reads, without holding the raw
// text in memory.
func ReadBillingReport(r io.Reader) (*BillingReport, error) {
	rep, st, err := readBillingReport(r)
	if err == nil {
		err = st.finished("", "")
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// errStopped says the consumer of a walk broke out of its loop.
var errStopped = errors.New("cloudmore: walk stopped")

// errStillRunning says a task's answer carried a "running" status.
var errStillRunning = errors.New("cloudmore: task still running")

// taskNotDoneError is what a walk over an asynchronous task's answer yields while the task is
// still running. It matches ErrNotDone.
type taskNotDoneError struct {
	kind, taskID string
	status       int
	what         string
}

func (e *taskNotDoneError) Error() string {
	s := fmt.Sprintf("cloudmore: task %s of %s has not finished yet (HTTP %d", truncate(e.taskID, maxQuoted), e.kind, e.status)
	if e.what != "" {
		s += ", status " + fmt.Sprintf("%q", truncate(e.what, maxQuoted))
	}
	return s + ")"
}

func (e *taskNotDoneError) Is(target error) bool { return target == ErrNotDone }

// reportStatus is what a report's answer said besides the report itself.
type reportStatus struct {
	empty bool   // the answer had no body
	found bool   // a report array was read (or, when peeking, found)
	has   bool   // the answer had a "status" member
	value string // its value
	extra map[string]json.RawMessage
	raw   []byte // the first bytes of the answer (at most maxQuotedBody), to quote in errors
	// unknown lists the members of the report the models have no field for, sorted.
	unknown []string
}

// reportUnknown hands the report's unknown members to the client's UnknownFieldHandler.
func (c *Client) reportUnknown(method, path string, st reportStatus) {
	if c.unknownFields != nil && len(st.unknown) > 0 {
		c.unknownFields(method, path, st.unknown)
	}
}

// maxQuotedBody is how much of an answer a TaskFailedError quotes.
const maxQuotedBody = 4096

// prefixReader passes r through and keeps a copy of its first maxQuotedBody bytes.
type prefixReader struct {
	r   io.Reader
	buf []byte
}

func (p *prefixReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if room := maxQuotedBody - len(p.buf); room > 0 && n > 0 {
		p.buf = append(p.buf, b[:min(n, room)]...)
	}
	return n, err
}

// finished tells whether the answer is a finished report: nil, errStillRunning, a
// *TaskFailedError (for a task; kind != "") or a plain error.
func (st reportStatus) finished(kind, taskID string) error {
	state := taskDone
	if st.has {
		state = taskState(st.value)
	}
	switch {
	case state == taskRunningState:
		return errStillRunning
	case state == taskDone && st.found:
		return nil
	case kind == "":
		if st.empty {
			return errors.New("cloudmore: the answer is empty, not a billing report")
		}
		if state != taskDone {
			return fmt.Errorf("cloudmore: the answer's status is %q and it holds no billing report", truncate(st.value, maxQuoted))
		}
		return errors.New("cloudmore: the answer holds no billing report (no JSON array)")
	}
	var body []byte
	if len(st.raw) > 0 {
		body = capBody(st.raw)
	}
	return &TaskFailedError{Kind: kind, TaskID: taskID, Status: st.value, Body: body}
}

// wrapDecode explains an answer that arrived but could not be read: a *DecodeError (the request
// happened; it is never sent again) whose Head quotes the start of the answer.
func wrapDecode(method, path string, resp *Response, head []byte, err error) error {
	var tf *TaskFailedError
	if errors.As(err, &tf) || errors.Is(err, ErrNotDone) {
		return err
	}
	de := &DecodeError{Method: method, Path: path, Head: truncate(string(bytes.TrimSpace(head)), 256), Err: err}
	if resp != nil && resp.Response != nil {
		de.StatusCode = resp.StatusCode
	}
	return de
}

// readBillingReport decodes a whole report from r.
func readBillingReport(r io.Reader) (*BillingReport, reportStatus, error) {
	rep := &BillingReport{}
	var cur []OrganizationBilling
	st, err := decodeReportStream(r, reportVisitor{
		org: func(o *OrganizationBilling) bool {
			cur = append(cur, *o)
			return true
		},
		endRun: func(date Time) {
			rep.Runs = append(rep.Runs, BillingRun{BillingDate: date, Organizations: cur})
			cur = nil
		},
	})
	if err != nil {
		return nil, st, err
	}
	if len(st.extra) > 0 {
		rep.Extra = st.extra
		delete(rep.Extra, "")
	}
	return rep, st, nil
}

// streamBillingReport decodes r and hands each organization to org; org returning false
// stops the walk with errStopped.
func streamBillingReport(r io.Reader, org func(*OrganizationBilling) bool) (reportStatus, error) {
	return decodeReportStream(r, reportVisitor{org: org})
}

// peekBillingReport reads only as much of r as it takes to tell whether it holds a finished
// report: up to the report array's first byte, or up to a status member saying the task is
// running or failed. The rest of r is left unread.
func peekBillingReport(r io.Reader) (reportStatus, error) {
	return decodeReportStream(r, reportVisitor{peek: true})
}

// reportVisitor receives a report as it is decoded.
type reportVisitor struct {
	org    func(*OrganizationBilling) bool // each organization, its BillingDate set
	endRun func(date Time)                 // the end of each billing run (optional)
	peek   bool                            // stop at the report array, or at a status that is not "done"
}

// decodeReportStream reads one report: the bare array of billing runs, or an object holding
// such an array in exactly one of its members beside others that are not arrays, such as a
// status, which are kept raw. A second array-valued member is an error (when peeking, the
// reading stops at the first array, so a second one is found by the read that follows).
func decodeReportStream(r io.Reader, v reportVisitor) (st reportStatus, err error) {
	rec := &prefixReader{r: skipBOM(r)}
	dec := jsonx.NewDecoder(rec)
	rd := &reportDecoder{dec: dec}
	defer func() {
		st.raw = rec.buf
		for k := range rd.unknown {
			st.unknown = append(st.unknown, k)
		}
		sort.Strings(st.unknown)
	}()
	switch dec.PeekKind() {
	case '[':
		st.found = true
		if v.peek {
			return st, nil
		}
		return st, decodeRuns(rd, v)
	case '{':
		if _, err := dec.ReadToken(); err != nil {
			return st, err
		}
		st.extra = map[string]json.RawMessage{}
		reportMember := ""
		for dec.PeekKind() != '}' {
			tok, err := dec.ReadToken()
			if err != nil {
				return st, err
			}
			name := tok.String()
			if dec.PeekKind() == '[' {
				if st.found {
					return st, fmt.Errorf("cloudmore: the answer wraps several arrays (%q and %q); the SDK cannot tell which one is the billing report", truncate(reportMember, 64), truncate(name, 64))
				}
				st.found, reportMember = true, name
				if v.peek {
					return st, nil
				}
				if err := decodeRuns(rd, v); err != nil {
					return st, fmt.Errorf("%w (in the answer's member %q)", err, truncate(name, 64))
				}
				continue
			}
			val, err := dec.ReadValue()
			if err != nil {
				return st, err
			}
			if strings.EqualFold(name, "status") {
				st.has = true
				var s string
				if json.Unmarshal(val, &s) == nil {
					st.value = s
				} else {
					st.value = string(val)
				}
				if v.peek && taskState(st.value) == taskRunningState {
					return st, nil // running: no need to read on (a failure is read on, to be quoted)
				}
			}
			st.extra[name] = append(json.RawMessage(nil), val...)
		}
		_, err := dec.ReadToken()
		return st, err
	default:
		tok, err := dec.ReadToken()
		if err == io.EOF {
			st.empty = true
			return st, nil
		}
		if err != nil {
			return st, err
		}
		return st, fmt.Errorf("cloudmore: a billing report is a JSON array; the answer starts with %s", describeToken(tok))
	}
}

// skipBOM returns r without a leading UTF-8 byte-order mark (issue 9 item 13: .NET servers and
// files saved on Windows start with one). It reads at most three bytes ahead.
func skipBOM(r io.Reader) io.Reader {
	var head [3]byte
	n, err := io.ReadFull(r, head[:])
	if n == 3 && head == [3]byte{0xEF, 0xBB, 0xBF} { // the UTF-8 byte-order mark
		return r
	}
	rest := r
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		rest = errReader{err}
	}
	return io.MultiReader(bytes.NewReader(head[:n]), rest)
}

// errReader is a reader that fails with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func describeToken(tok jsonx.Token) string {
	switch tok.Kind() {
	case '"':
		return fmt.Sprintf("the string %q", truncate(tok.String(), 64))
	case '0':
		return "the number " + tok.String()
	case 'n':
		return "null"
	case 't', 'f':
		return tok.String()
	}
	return "'" + tok.Kind().String() + "'"
}

// decodeRuns reads the array of billing runs.
func decodeRuns(rd *reportDecoder, v reportVisitor) error {
	dec := rd.dec
	if _, err := dec.ReadToken(); err != nil { // '['
		return err
	}
	for n := 0; dec.PeekKind() != ']'; n++ {
		if err := decodeRun(rd, v, n); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken() // ']'
	return err
}

// decodeRun reads one billing run {billingDate, organizations: [...]} and hands its
// organizations over one by one.
func decodeRun(rd *reportDecoder, v reportVisitor, n int) error {
	dec := rd.dec
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	if tok.Kind() == 'n' {
		return nil
	}
	if tok.Kind() != '{' {
		return fmt.Errorf("cloudmore: billing run %d is %s, not an object", n, describeToken(tok))
	}
	var date Time
	haveDate, haveOrgs := false, false
	var pending []*OrganizationBilling
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		switch name := tok.String(); {
		case strings.EqualFold(name, "billingDate"):
			if err := jsonx.UnmarshalDecode(dec, &date); err != nil {
				return fmt.Errorf("cloudmore: billing run %d: billingDate: %w", n, err)
			}
			haveDate = true
			for _, o := range pending {
				o.BillingDate = date
				if !v.org(o) {
					return errStopped
				}
			}
			pending = nil
		case strings.EqualFold(name, "organizations"):
			haveOrgs = true
			switch dec.PeekKind() {
			case 'n':
				if err := dec.SkipValue(); err != nil {
					return err
				}
				continue
			case '[':
			default:
				val, err := dec.ReadValue()
				if err != nil {
					return err
				}
				return fmt.Errorf("cloudmore: billing run %d: organizations is %s, not an array", n, truncate(string(val), 64))
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
			for i := 0; dec.PeekKind() != ']'; i++ {
				o := new(OrganizationBilling)
				if err := rd.org(o); err != nil {
					return fmt.Errorf("cloudmore: billing run %d, organization %d: %w", n, i, err)
				}
				if haveDate {
					o.BillingDate = date
					if !v.org(o) {
						return errStopped
					}
				} else {
					pending = append(pending, o)
				}
			}
			if _, err := dec.ReadToken(); err != nil {
				return err
			}
		default:
			if err := rd.skip("[]", []byte(name)); err != nil {
				return err
			}
		}
	}
	if _, err := dec.ReadToken(); err != nil { // '}'
		return err
	}
	if !haveDate && !haveOrgs {
		return fmt.Errorf("cloudmore: element %d of the array has neither billingDate nor organizations: not a billing run", n)
	}
	for _, o := range pending {
		if !v.org(o) {
			return errStopped
		}
	}
	if v.endRun != nil {
		v.endRun(date)
	}
	return nil
}
