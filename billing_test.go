package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	aprilStart, aprilEnd = NewDate(2020, time.April, 1), NewDate(2020, time.April, 30)
	aprilOpts            = &BillingReportOptions{CurrencyCode: "SEK"}
	aprilStartReq        = &StartBillingReportRequest{CurrencyCode: "SEK"}
	fastPoll             = &PollOptions{Frequency: time.Millisecond}
)

var aprilQuery = url.Values{"startDate": {"2020-04-01"}, "endDate": {"2020-04-30"}, "currencyCode": {"SEK"}}

// assertGuideReport checks the guide's example report as decoded.
func assertGuideReport(t *testing.T, rep *BillingReport) {
	t.Helper()
	require.Len(t, rep.Runs, 1)
	run := rep.Runs[0]
	assert.Equal(t, time.Date(2020, 4, 29, 23, 59, 59, 0, time.UTC), run.BillingDate.Time)
	require.Len(t, run.Organizations, 1)
	org := run.Organizations[0]
	assert.Equal(t, "Ermantest0110", org.Name)
	assert.Equal(t, "", org.CustomerNumber)
	assert.Equal(t, "91465f52-dabc-4b5e-8027-991539ad7066", org.OrganizationID)
	assertGuideOrg(t, &org)
}

func assertGuideOrg(t *testing.T, org *OrganizationBilling) {
	t.Helper()
	require.Len(t, org.Services, 1)
	svc := org.Services[0]
	assert.Equal(t, "Box.com", svc.ServiceName)
	assert.Equal(t, "a65727d5-3d23-455d-9ee6-9c843e13dd0a", svc.ServiceID)
	assert.Equal(t, "919.93", svc.TotalResellerPrice.Text())
	assert.Equal(t, "1994.95", svc.TotalCustomerPrice.Text())
	assert.Equal(t, "SEK", svc.CurrencyCode)
	require.Len(t, svc.Items, 2)
	it := svc.Items[0]
	assert.Equal(t, "Box for Sales Department ", it.ItemName)
	assert.Equal(t, "10.0000", it.Quantity.Text())
	assert.Equal(t, "473.58", it.TotalResellerPrice.Text())
	assert.Equal(t, "710.37", it.TotalCustomerPrice.Text())
	assert.Equal(t, "47.36", it.ResellerPricePerUnit.Text())
	assert.Equal(t, "71.04", it.CustomerPricePerUnit.Text())
	require.Len(t, it.Products, 1)
	p := it.Products[0]
	assert.Equal(t, "Box Enterprise ", p.ProductName)
	assert.Equal(t, "587c84f5-820c-4673-97e5-dd99e3e17623", p.ProductID)
	assert.Equal(t, "BOXENT001", p.ItemCode)
	assert.Equal(t, "10.0000", p.Quantity.Text())
	assert.Equal(t, "473.58", p.TotalResellerPrice.Text())
	assert.Equal(t, "710.37", p.TotalCustomerPrice.Text())
	assert.Equal(t, "47.36", p.ResellerPricePerUnit.Text())
	assert.Equal(t, "71.04", p.CustomerPricePerUnit.Text())
	assert.Equal(t, "BOXST001", svc.Items[1].Products[0].ItemCode)
	assert.Equal(t, "414.38", svc.Items[1].Products[0].TotalCustomerPrice.Text())
}

func TestBillingGetMonthlyBillingPerOrganization(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("billing/reports/MonthlyBillingPerOrganization"), aprilQuery, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "billing_monthly_per_organization.json"))
	})
	rep, resp, err := c.Billing.GetMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assertGuideReport(t, rep)
	assert.Nil(t, rep.Extra)
	assert.Equal(t, 1, ts.apiRequests())
}

func TestBillingReportValidation(t *testing.T) {
	d := NewDate
	cases := []struct {
		name       string
		start, end Date
		currency   string
		fields     []string
	}{
		{"no dates", Date{}, Date{}, "", []string{"startDate", "endDate"}},
		{"no start", Date{}, d(2020, 4, 30), "", []string{"startDate"}},
		{"no end", d(2020, 4, 1), Date{}, "", []string{"endDate"}},
		{"end before start", d(2020, 4, 2), d(2020, 4, 1), "", []string{"endDate"}},
		{"bad currency", d(2020, 4, 1), d(2020, 4, 1), "sek", []string{"currencyCode"}},
		{"impossible date", Date{2020, 2, 30}, d(2020, 4, 1), "", []string{"startDate"}},
		{"everything at once", Date{}, Date{}, "kronor", []string{"startDate", "endDate", "currencyCode"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ctx := context.Background()
			opts := &BillingReportOptions{CurrencyCode: tc.currency}
			_, _, err := c.Billing.GetMonthlyBillingPerOrganization(ctx, tc.start, tc.end, opts)
			assertNoRequestFields(t, ts, err, tc.fields...)
			_, _, err = c.Billing.GetMonthlyBillingPerService(ctx, tc.start, tc.end, opts)
			assertNoRequestFields(t, ts, err, tc.fields...)
			_, _, err = c.Billing.BeginMonthlyBillingPerOrganization(ctx, tc.start, tc.end, &StartBillingReportRequest{CurrencyCode: tc.currency})
			assertNoRequestFields(t, ts, err, tc.fields...)
			for _, err := range c.Billing.WalkMonthlyBillingPerOrganization(ctx, tc.start, tc.end, opts) {
				assertNoRequestFields(t, ts, err, tc.fields...)
			}
			if tc.currency == "" {
				_, _, err = c.Billing.GetCSPMonthlyBillingPerOrganization(ctx, tc.start, tc.end, nil)
				assertNoRequestFields(t, ts, err, tc.fields...)
			}
		})
	}
	t.Run("same day and nil options are fine", func(t *testing.T) {
		assert.NoError(t, (*BillingReportOptions)(nil).query(NewDate(2020, 4, 1), NewDate(2020, 4, 1)).validate())
		assert.NoError(t, (*StartBillingReportRequest)(nil).body(NewDate(2020, 4, 1), NewDate(2020, 4, 1)).validate())
	})
	t.Run("start body Extra", func(t *testing.T) {
		c, ts := setup(t)
		_, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd,
			&StartBillingReportRequest{Extra: map[string]any{"startDate": "2020-01-01"}})
		assertNoRequest(t, ts, err, "Extra")
	})
}

// assertNoRequestFields checks that err is a *ValidationError naming exactly fields and that
// nothing was sent.
func assertNoRequestFields(t *testing.T, ts *testServer, err error, fields ...string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	assert.Equal(t, fields, got)
	assert.Equal(t, 0, ts.apiRequests(), "nothing may reach the network")
}

// twoRunReport is a report of two billing runs with two and one organizations.
const twoRunReport = `[
 {"billingDate": "2020-04-01T00:00:00", "organizations": [
   {"name": "A", "orgId": "a", "services": []},
   {"name": "B", "orgId": "b", "services": [{"serviceName": "S", "totalResellerPrice": "1.10", "items": []}]}]},
 {"billingDate": "2020-04-15T00:00:00", "unknownMember": {"x": [1, 2]}, "organizations": [
   {"name": "C", "orgId": "c", "extra": true}]}
]`

func TestBillingWalkMonthlyBillingPerOrganization(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("billing/reports/MonthlyBillingPerOrganization"), aprilQuery, "")
		writeJSON(t, w, http.StatusOK, twoRunReport)
	})
	var names, dates []string
	for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
		require.NoError(t, err)
		names = append(names, o.Name)
		dates = append(dates, o.BillingDate.Format(time.DateOnly))
	}
	assert.Equal(t, []string{"A", "B", "C"}, names)
	assert.Equal(t, []string{"2020-04-01", "2020-04-01", "2020-04-15"}, dates)

	// Breaking out stops the walk.
	n := 0
	for _, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestBillingWalkGuideFixture(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, fixture(t, "billing_monthly_per_organization.json"))
	})
	var orgs []*OrganizationBilling
	for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
		require.NoError(t, err)
		orgs = append(orgs, o)
	}
	require.Len(t, orgs, 1)
	assert.Equal(t, time.Date(2020, 4, 29, 23, 59, 59, 0, time.UTC), orgs[0].BillingDate.Time)
	assertGuideOrg(t, orgs[0])
}

func TestBillingWalkErrors(t *testing.T) {
	t.Run("api error", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusForbidden, `[{"errorCode":1,"errorName":"Forbidden","errorMessage":"no"}]`)
		})
		var errs []error
		for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
			assert.Nil(t, o)
			errs = append(errs, err)
		}
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], ErrForbidden)
	})
	t.Run("broken json after one organization is not retried", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusOK, `[{"billingDate":"2020-04-01T00:00:00","organizations":[{"name":"A"},{"name":`)
		})
		var names []string
		var errs []error
		for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			names = append(names, o.Name)
		}
		assert.Equal(t, []string{"A"}, names)
		require.Len(t, errs, 1)
		assert.Contains(t, errs[0].Error(), "the request succeeded")
		var de *DecodeError
		require.ErrorAs(t, errs[0], &de, "an answer that arrived but broke off is a *DecodeError")
		assert.Equal(t, http.StatusOK, de.StatusCode)
		assert.Contains(t, de.Head, `"name":"A"`)
		assert.Equal(t, 1, ts.apiRequests(), "a stream is never retried")
	})
}

func TestDecodeBillingReport(t *testing.T) {
	t.Run("guide fixture decode-all", func(t *testing.T) {
		rep, err := ReadBillingReport(bytes.NewReader(fixture(t, "billing_monthly_per_organization.json")))
		require.NoError(t, err)
		assertGuideReport(t, rep)
	})
	t.Run("runs and dates", func(t *testing.T) {
		rep, err := ReadBillingReport(strings.NewReader(twoRunReport))
		require.NoError(t, err)
		require.Len(t, rep.Runs, 2)
		assert.Len(t, rep.Runs[0].Organizations, 2)
		assert.Equal(t, "1.10", rep.Runs[0].Organizations[1].Services[0].TotalResellerPrice.Text())
		assert.Equal(t, 15, rep.Runs[1].BillingDate.Day())
		var names []string
		for o := range rep.Organizations() {
			names = append(names, o.Name+"@"+o.BillingDate.Format(time.DateOnly))
		}
		assert.Equal(t, []string{"A@2020-04-01", "B@2020-04-01", "C@2020-04-15"}, names)
	})
	t.Run("billingDate after organizations", func(t *testing.T) {
		in := `[{"organizations":[{"name":"A"},{"name":"B"}],"BillingDate":"2020-05-31T23:59:59"}]`
		var got []string
		for o, err := range DecodeBillingReport(strings.NewReader(in)) {
			require.NoError(t, err)
			got = append(got, o.Name+"@"+o.BillingDate.Format(time.DateOnly))
		}
		assert.Equal(t, []string{"A@2020-05-31", "B@2020-05-31"}, got)
	})
	t.Run("wrapped in an object", func(t *testing.T) {
		in := `{"status":"Successful","taskId":"t1","report":` + twoRunReport + `}`
		rep, err := ReadBillingReport(strings.NewReader(in))
		require.NoError(t, err)
		assert.Len(t, rep.Runs, 2)
		assert.JSONEq(t, `"t1"`, string(rep.Extra["taskId"]))
		assert.JSONEq(t, `"Successful"`, string(rep.Extra["status"]))
	})
	t.Run("empty report", func(t *testing.T) {
		rep, err := ReadBillingReport(strings.NewReader(" [ ] "))
		require.NoError(t, err)
		assert.Empty(t, rep.Runs)
		for range DecodeBillingReport(strings.NewReader("[]")) {
			t.Fatal("nothing to yield")
		}
	})
	t.Run("case-insensitive names and null members", func(t *testing.T) {
		in := `[{"BillingDate":"2020-04-01T00:00:00","Organizations":[{"Name":"A","OrgId":"x","Services":[{"TotalResellerPrice":null,"Items":null}]}]},null,{"organizations":null}]`
		rep, err := ReadBillingReport(strings.NewReader(in))
		require.NoError(t, err)
		require.Len(t, rep.Runs, 2)
		o := rep.Runs[0].Organizations[0]
		assert.Equal(t, "A", o.Name)
		assert.Equal(t, "x", o.OrganizationID)
		assert.True(t, o.Services[0].TotalResellerPrice.IsZero())
	})
	bad := []struct{ name, in, want string }{
		{"not an array", `"hello"`, "JSON array"},
		{"number", `42`, "JSON array"},
		{"empty", ``, "empty"},
		{"object without array", `{"a":1}`, "no billing report"},
		{"running status", `{"status":"Processing"}`, ""},
		{"run not an object", `[1]`, "not an object"},
		{"organizations not an array", `[{"organizations":{}}]`, "not an array"},
		{"bad amount", `[{"organizations":[{"services":[{"totalResellerPrice":"abc"}]}]}]`, "organization 0"},
		{"bad date", `[{"billingDate":"yesterday","organizations":[]}]`, "billingDate"},
		{"truncated", `[{"billingDate":"2020-04-01T00:00:00","organizations":[{"name":"A"}`, ""},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			_, err := ReadBillingReport(strings.NewReader(tc.in))
			require.Error(t, err)
			if tc.want != "" {
				assert.Contains(t, err.Error(), tc.want)
			}
			var last error
			for _, err := range DecodeBillingReport(strings.NewReader(tc.in)) {
				last = err
			}
			require.Error(t, last)
		})
	}
}

func TestBillingGetMonthlyBillingPerService(t *testing.T) {
	c, ts := setup(t)
	body := `[{"billingDate":"2020-04-29T23:59:59","services":[{"serviceName":"Box.com"}]}]`
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("billing/reports/MonthlyBillingPerService"), aprilQuery, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	rep, _, err := c.Billing.GetMonthlyBillingPerService(context.Background(), aprilStart, aprilEnd, aprilOpts)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(rep.Raw))
}

func TestBillingGetCSPMonthlyBillingPerOrganization(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("billing/cspreports/MonthlyBillingPerOrganization"),
			url.Values{"startDate": {"2020-04-01"}, "endDate": {"2020-04-30"}, "segment": {"education"}}, "")
		writeJSON(t, w, http.StatusOK, `[{"x":1}]`)
	})
	rep, _, err := c.Billing.GetCSPMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd,
		&CSPBillingReportOptions{Extra: ExtraParams{"segment": "education"}})
	require.NoError(t, err)
	assert.JSONEq(t, `[{"x":1}]`, string(rep.Raw))

	c2, ts2 := setup(t)
	_, _, err = c2.Billing.GetCSPMonthlyBillingPerOrganization(context.Background(), aprilStart, Date{}, nil)
	assertNoRequest(t, ts2, err, "endDate")
	_, _, err = c2.Billing.GetCSPMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd,
		&CSPBillingReportOptions{Extra: ExtraParams{"StartDate": "2020-01-01", "": "x"}})
	assertNoRequestFields(t, ts2, err, "Extra", "Extra")
}

// asyncServer serves the asynchronous general report: the POST answers 202 with a Location
// header, then the task answers each GET from answers in turn (the last one repeats).
func asyncServer(t *testing.T, ts *testServer, taskID string, answers ...func(w http.ResponseWriter)) *atomic.Int32 {
	var polls atomic.Int32
	start := brokerPath("billing/reports/MonthlyBillingPerOrganizationAsync")
	ts.Mux.HandleFunc("POST "+start, func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, start, nil, `{"startDate":"2020-04-01","endDate":"2020-04-30","currencyCode":"SEK"}`)
		w.Header().Set("Location", start+"/"+taskID)
		w.WriteHeader(http.StatusAccepted)
	})
	ts.Mux.HandleFunc("GET "+start+"/{taskId}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, start+"/"+url.PathEscape(taskID), nil, "")
		n := int(polls.Add(1))
		answers[min(n, len(answers))-1](w)
	})
	return &polls
}

func answer(t *testing.T, status int, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if body == "" {
			w.WriteHeader(status)
			return
		}
		writeJSON(t, w, status, body)
	}
}

func TestBillingBeginMonthlyBillingPerOrganization(t *testing.T) {
	c, ts := setup(t)
	report := string(fixture(t, "billing_monthly_per_organization.json"))
	polls := asyncServer(t, ts, "task-42",
		answer(t, http.StatusAccepted, ""),
		answer(t, http.StatusOK, `{"status":"Processing"}`),
		answer(t, http.StatusNoContent, ""),
		answer(t, http.StatusOK, report))
	ctx := context.Background()
	p, resp, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, "task-42", p.TaskID())
	assert.False(t, p.Done())
	_, err = p.Result(ctx)
	assert.ErrorIs(t, err, ErrNotDone)

	task, err := p.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	assert.True(t, p.Done())
	assert.Equal(t, int32(4), polls.Load())
	assert.Equal(t, "task-42", task.TaskID)
	again, err := p.Result(ctx)
	require.NoError(t, err)
	assert.Same(t, task, again)
	rep, _, err := task.Read(ctx)
	require.NoError(t, err)
	assertGuideReport(t, rep)
	assert.Equal(t, int32(5), polls.Load(), "Read downloads the report once")

	// The resume token picks up the same task.
	q, err := c.Billing.ResumeMonthlyBillingPerOrganization(p.ResumeToken())
	require.NoError(t, err)
	assert.Equal(t, "task-42", q.TaskID())
	_, err = q.Poll(ctx)
	require.NoError(t, err)
	assert.True(t, q.Done())
	assert.Equal(t, int32(6), polls.Load())
	assert.Equal(t, 7, ts.apiRequests(), "one start (never repeated), five polls and one read")
}

func TestBillingBeginMonthlyBillingPerOrganizationWrapped(t *testing.T) {
	c, ts := setup(t)
	asyncServer(t, ts, "t1",
		answer(t, http.StatusOK, `{"status":"processing","report":[]}`),
		answer(t, http.StatusOK, `{"report":`+twoRunReport+`,"status":"SUCCESSFUL"}`))
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	task, err := p.PollUntilDone(context.Background(), fastPoll)
	require.NoError(t, err)
	rep, _, err := task.Read(context.Background())
	require.NoError(t, err)
	assert.Len(t, rep.Runs, 2)
	assert.JSONEq(t, `"SUCCESSFUL"`, string(rep.Extra["status"]))
}

func TestBillingBeginMonthlyBillingPerOrganizationFails(t *testing.T) {
	for _, tc := range []struct{ name, body, status string }{
		{"failed", `{"status":"Failed","message":"out of coffee"}`, "Failed"},
		{"unknown status", `{"status":"Exploded"}`, "Exploded"},
		{"no report", `{"message":"what"}`, ""},
		{"empty 200", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			status := http.StatusOK
			asyncServer(t, ts, "t9", answer(t, http.StatusAccepted, ""), func(w http.ResponseWriter) {
				if tc.body == "" {
					w.WriteHeader(status)
					return
				}
				writeJSON(t, w, status, tc.body)
			})
			p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilStartReq)
			require.NoError(t, err)
			_, err = p.PollUntilDone(context.Background(), fastPoll)
			var tf *TaskFailedError
			require.ErrorAs(t, err, &tf)
			assert.Equal(t, "t9", tf.TaskID)
			assert.Equal(t, kindBillingAsync, tf.Kind)
			assert.Equal(t, tc.status, tf.Status)
			assert.Equal(t, http.StatusOK, tf.StatusCode)
			assert.Equal(t, tc.body, string(tf.Body), "the answer is quoted as it came")
			if tc.name == "failed" {
				assert.Contains(t, err.Error(), "failed")
			}
			assert.True(t, p.Done())
			_, err2 := p.Result(context.Background())
			assert.Equal(t, err, err2)
		})
	}
}

func TestBillingBeginTaskIDFromBody(t *testing.T) {
	c, ts := setup(t)
	start := brokerPath("billing/reports/MonthlyBillingPerOrganizationAsync")
	ts.Mux.HandleFunc("POST "+start, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusCreated, `{"taskId":"from-body"}`)
	})
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	assert.Equal(t, "from-body", p.TaskID())
}

func TestBillingResumeBadToken(t *testing.T) {
	c, ts := setup(t)
	_, err := c.Billing.ResumeMonthlyBillingPerOrganization("garbage!")
	assertNoRequest(t, ts, err, "resumeToken")
	other := encodeResumeToken(kindAzureOneTime, map[string]string{"taskId": "x"})
	_, err = c.Billing.ResumeMonthlyBillingPerOrganization(other)
	assertNoRequest(t, ts, err, "resumeToken")
	evil := clientToken(c, kindBillingAsync, map[string]string{"taskId": "../../Organizations"})
	_, err = c.Billing.ResumeMonthlyBillingPerOrganization(evil)
	assertNoRequest(t, ts, err, "taskId")
}

func TestBillingTaskWalkStates(t *testing.T) {
	c, ts := setup(t)
	asyncServer(t, ts, "t-7",
		answer(t, http.StatusAccepted, ""),
		answer(t, http.StatusOK, `{"status":"Processing"}`),
		answer(t, http.StatusOK, `{"status":"Failed"}`),
		answer(t, http.StatusOK, twoRunReport))
	ctx := context.Background()
	p, err := c.Billing.billingTaskPoller("t-7")
	require.NoError(t, err)
	task := &BillingTask{TaskID: "t-7", s: c.Billing}
	_ = p
	walk := func() ([]string, error) {
		var names []string
		for o, err := range task.Walk(ctx) {
			if err != nil {
				return names, err
			}
			names = append(names, o.Name)
		}
		return names, nil
	}
	_, err = walk()
	assert.ErrorIs(t, err, ErrNotDone)
	assert.Contains(t, err.Error(), "HTTP 202")
	_, err = walk()
	assert.ErrorIs(t, err, ErrNotDone)
	assert.Contains(t, err.Error(), `"Processing"`)
	_, err = walk()
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, "Failed", tf.Status)
	names, err := walk()
	require.NoError(t, err)
	assert.Equal(t, []string{"A", "B", "C"}, names)

	c2, ts2 := setup(t)
	_, err = c2.Billing.billingTaskPoller("a/b")
	assertNoRequest(t, ts2, err, "taskId")
}

func TestBillingAzureReports(t *testing.T) {
	ctx := context.Background()
	extra := &AzureReportOptions{Extra: ExtraParams{"b": "2", "a": "1"}}
	extraQuery := url.Values{"a": {"1"}, "b": {"2"}}
	cases := []struct {
		name  string
		path  string
		query url.Values
		call  func(c *Client) (json.RawMessage, *Response, error)
	}{
		{"InvoiceList", "billing/azurereports/InvoiceList", nil, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureInvoiceList(ctx, nil))
		}},
		{"Invoice", "billing/azurereports/Invoice", url.Values{"invoiceId": {"G123"}}, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureInvoice(ctx, "G123", nil))
		}},
		{"InvoiceOverview", "billing/azurereports/InvoiceOverview", extraQuery, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureInvoiceOverview(ctx, extra))
		}},
		{"InvoicesByCustomDates", "billing/azurereports/InvoicesByCustomDates", extraQuery, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureInvoicesByCustomDates(ctx, extra))
		}},
		{"MonthlyBillingPerOrganization", "billing/azurereports/MonthlyBillingPerOrganization", nil, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureMonthlyBillingPerOrganization(ctx, &AzureReportOptions{}))
		}},
		{"OngoingPeriod", "billing/azurereports/OngoingPeriod", nil, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureOngoingPeriod(ctx, nil))
		}},
		{"AzureOneTimeInvoiceList", "billing/azurereports/AzureOneTimeInvoiceList", nil, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureOneTimeInvoiceList(ctx, nil))
		}},
		{"usage AzureOneTimeInvoice", "billing/azureonetimeusage/AzureOneTimeInvoice", extraQuery, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureOneTimeUsageInvoice(ctx, extra))
		}},
		{"usage AzureOneTimeOngoingPeriod", "billing/azureonetimeusage/AzureOneTimeOngoingPeriod", nil, func(c *Client) (json.RawMessage, *Response, error) {
			return billingRawOf(c.Billing.GetAzureOneTimeUsageOngoingPeriod(ctx, nil))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			body := `{"report":"` + tc.name + `","amount":"1.50"}`
			ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, http.MethodGet, brokerPath(tc.path), tc.query, "")
				writeJSON(t, w, http.StatusOK, body)
			})
			raw, resp, err := tc.call(c)
			require.NoError(t, err)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.JSONEq(t, body, string(raw))
		})
	}
	t.Run("Invoice needs an id", func(t *testing.T) {
		c, ts := setup(t)
		_, _, err := c.Billing.GetAzureInvoice(ctx, "", nil)
		assertNoRequest(t, ts, err, "invoiceId")
		_, _, err = c.Billing.GetAzureInvoice(ctx, " ", &AzureReportOptions{Extra: ExtraParams{"invoiceID": "x"}})
		assertNoRequestFields(t, ts, err, "invoiceId", "Extra")
	})
	t.Run("Invoice with extra parameters", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			wantRequest(t, r, http.MethodGet, brokerPath("billing/azurereports/Invoice"), url.Values{"invoiceId": {"G1"}, "a": {"1"}, "b": {"2"}}, "")
			writeJSON(t, w, http.StatusOK, `[1,2]`)
		})
		inv, _, err := c.Billing.GetAzureInvoice(ctx, "G1", extra)
		require.NoError(t, err)
		assert.JSONEq(t, `[1,2]`, string(inv.Raw), "an array answer is kept too")
	})
	t.Run("empty answer is an error", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
		_, _, err := c.Billing.GetAzureInvoiceList(ctx, nil)
		require.Error(t, err)
	})
}

// billingRawOf returns the Raw of a Raw-keeping billing model.
func billingRawOf[T any](v *T, resp *Response, err error) (json.RawMessage, *Response, error) {
	if err != nil {
		return nil, resp, err
	}
	return json.RawMessage(reflect.ValueOf(v).Elem().FieldByName("Raw").Bytes()), resp, nil
}

func TestBillingBeginAzureOneTimeInvoiceReport(t *testing.T) {
	c, ts := setup(t)
	start := brokerPath("billing/azurereports/AzureOneTimeInvoice/generateReport")
	var polls atomic.Int32
	ts.Mux.HandleFunc("POST "+start, func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, start, url.Values{"invoiceNumber": {"G0001"}, "storeToBlob": {"true"}}, "")
		w.Header().Set("Location", "https://api.example/api/resellers/"+testResellerID+"/billing/azurereports/AzureOneTimeInvoice/abc-1")
		w.WriteHeader(http.StatusAccepted)
	})
	ts.Mux.HandleFunc("GET "+brokerPath("billing/azurereports/AzureOneTimeInvoice/{taskId}"), func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("billing/azurereports/AzureOneTimeInvoice/abc-1"), nil, "")
		if polls.Add(1) < 3 {
			w.Header().Set("Retry-After", "7")
			writeJSON(t, w, http.StatusOK, `{"Status":"InProgress"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"status":"Completed","lines":[{"amount":"12.00"}]}`)
	})
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	p, _, err := c.Billing.BeginAzureOneTimeInvoiceReport(context.Background(), &AzureOneTimeInvoiceReportOptions{InvoiceNumber: "G0001", StoreToBlob: true})
	require.NoError(t, err)
	assert.Equal(t, "abc-1", p.TaskID())
	rep, err := p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Second})
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":"Completed","lines":[{"amount":"12.00"}]}`, string(rep.Raw))
	assert.Equal(t, []time.Duration{7 * time.Second, 7 * time.Second}, waits, "Retry-After is honoured")

	q, err := c.Billing.ResumeAzureOneTimeInvoiceReport(p.ResumeToken())
	require.NoError(t, err)
	assert.Equal(t, "abc-1", q.TaskID())
	_, err = c.Billing.ResumeAzureOneTimeInvoiceReport(encodeResumeToken(kindBillingAsync, map[string]string{"taskId": "x"}))
	assert.ErrorIs(t, err, ErrValidation)
}

func TestBillingBeginAzureOneTimeInvoiceReportNoTaskID(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, brokerPath("billing/azurereports/AzureOneTimeInvoice/generateReport"), nil, "")
		writeJSON(t, w, http.StatusAccepted, `{"message":"queued"}`)
	})
	_, _, err := c.Billing.BeginAzureOneTimeInvoiceReport(context.Background(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "without a task id")
	assert.Contains(t, err.Error(), "queued")
}

// pagedServer answers GETs of path with pages of total lines of the given page size.
func pagedServer(t *testing.T, ts *testServer, path string, total int, wrap bool) {
	ts.Mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var num, size int
		_, err := fmt.Sscan(q.Get("pageNumber"), &num)
		if !assert.NoError(t, err) {
			return
		}
		_, err = fmt.Sscan(q.Get("pageSize"), &size)
		if !assert.NoError(t, err) {
			return
		}
		lines := []string{}
		for i := (num - 1) * size; i < min(num*size, total); i++ {
			lines = append(lines, fmt.Sprintf(`{"line":%d}`, i))
		}
		body := "[" + strings.Join(lines, ",") + "]"
		if wrap {
			body = fmt.Sprintf(`{"pageNumber":%d,"lineItems":%s}`, num, body)
		}
		writeJSON(t, w, http.StatusOK, body)
	})
}

func TestBillingAzureOneTimeBilledUsage(t *testing.T) {
	c, ts := setup(t)
	path := brokerPath("billing/azureonetimeusage/report/billed/invoice/G%20001")
	pagedServer(t, ts, path, 7, true)
	ctx := context.Background()

	pg, _, err := c.Billing.GetAzureOneTimeBilledUsagePage(ctx, "G 001", &PageOptions{PageNumber: 2, PageSize: 3})
	require.NoError(t, err)
	require.Len(t, pg.Lines, 3)
	assert.JSONEq(t, `{"line":3}`, string(pg.Lines[0].Raw))
	assert.Contains(t, string(pg.Raw), `"pageNumber":2`)
	last := ts.requests()[len(ts.requests())-1]
	assert.Equal(t, "pageNumber=2&pageSize=3", last.Query)
	assert.Equal(t, path, last.RawPath)

	var got []string
	for line, err := range c.Billing.WalkAzureOneTimeBilledUsage(ctx, "G 001", &PageOptions{PageSize: 3}) {
		require.NoError(t, err)
		got = append(got, string(line.Raw))
	}
	assert.Len(t, got, 7)
	assert.Equal(t, `{"line":6}`, got[6])
	assert.Equal(t, 4, ts.apiRequests(), "one page read, then pages 1-3 of the walk: 3 lines, 3 lines, 1 line (the last)")
	var queries []string
	for _, r := range ts.requests()[1:] {
		queries = append(queries, r.Query)
	}
	assert.Equal(t, []string{"pageNumber=1&pageSize=3", "pageNumber=2&pageSize=3", "pageNumber=3&pageSize=3"}, queries)

	// nil is page 1 of DefaultPageSize lines, sent explicitly; so are zero fields.
	pg, _, err = c.Billing.GetAzureOneTimeBilledUsagePage(ctx, "G 001", nil)
	require.NoError(t, err)
	assert.Len(t, pg.Lines, 7)
	assert.Equal(t, "pageNumber=1&pageSize=100", ts.requests()[len(ts.requests())-1].Query)
	_, _, err = c.Billing.GetAzureOneTimeBilledUsagePage(ctx, "G 001", &PageOptions{PageNumber: 2})
	require.NoError(t, err)
	assert.Equal(t, "pageNumber=2&pageSize=100", ts.requests()[len(ts.requests())-1].Query)

	c2, ts2 := setup(t)
	for _, err := range c2.Billing.WalkAzureOneTimeBilledUsage(ctx, "..", nil) {
		assertNoRequest(t, ts2, err, "invoiceId")
	}
	_, _, err = c2.Billing.GetAzureOneTimeBilledUsagePage(ctx, "", nil)
	assertNoRequest(t, ts2, err, "invoiceId")
	_, _, err = c2.Billing.GetAzureOneTimeBilledUsagePage(ctx, "x", &PageOptions{PageSize: -1})
	assertNoRequest(t, ts2, err, "pageSize")
	_, _, err = c2.Billing.GetAzureOneTimeBilledUsagePage(ctx, "x", &PageOptions{PageNumber: -1})
	assertNoRequest(t, ts2, err, "pageNumber")
}

func TestUsagePageLines(t *testing.T) {
	for _, tc := range []struct {
		in    string
		lines int
		err   string
	}{
		{`[]`, 0, ""},
		{`null`, 0, ""},
		{`[{"a":1},{"a":2}]`, 2, ""},
		{`{"total":"1.00","items":[{"a":1}]}`, 1, ""},
		{`{"total":"1.00"}`, 0, ""},
		{`{"a":[],"b":[]}`, 0, "several arrays (a, b)"},
		{`"x"`, 0, "array or object"},
	} {
		lines, err := usagePageLines(json.RawMessage(tc.in))
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Len(t, lines, tc.lines, tc.in)
	}
}

func TestBillingAzureOneTimeUnbilledUsageExport(t *testing.T) {
	c, ts := setup(t)
	base := brokerPath("billing/azureonetimeusage/report/unbilled/period/2024-10/")
	ts.Mux.HandleFunc("POST "+base+"export", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, base+"export", nil, `{"currencyCode":"EUR"}`)
		writeJSON(t, w, http.StatusAccepted, `{"operationId":"op-9"}`)
	})
	var polls atomic.Int32
	ts.Mux.HandleFunc("GET "+base+"operation/op-9/status", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, base+"operation/op-9/status", nil, "")
		switch polls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusAccepted)
		case 2:
			writeJSON(t, w, http.StatusOK, `{"status":"Running"}`)
		default:
			writeJSON(t, w, http.StatusOK, `{"status":"Succeeded","blobCount":2}`)
		}
	})
	pagedServer(t, ts, base+"operation/op-9/result", 250, false)
	ctx := context.Background()
	p, _, err := c.Billing.BeginAzureOneTimeUnbilledUsageExport(ctx, "2024-10", &UnbilledUsageExportRequest{Extra: map[string]any{"currencyCode": "EUR"}})
	require.NoError(t, err)
	assert.Equal(t, "op-9", p.TaskID())
	exp, err := p.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	assert.Equal(t, "2024-10", exp.Period)
	assert.Equal(t, "op-9", exp.OperationID)
	assert.JSONEq(t, `{"status":"Succeeded","blobCount":2}`, string(exp.Status))
	n := 0
	for _, err := range exp.Walk(ctx, nil) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 250, n, "three pages of DefaultPageSize")
	pg, _, err := exp.Page(ctx, &PageOptions{PageNumber: 3, PageSize: 100})
	require.NoError(t, err)
	assert.Len(t, pg.Lines, 50)

	q, err := c.Billing.ResumeAzureOneTimeUnbilledUsageExport(p.ResumeToken())
	require.NoError(t, err)
	exp2, err := q.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	assert.Equal(t, "op-9", exp2.OperationID)
}

func TestBillingAzureOneTimeUnbilledUsageExportDefaults(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, brokerPath("billing/azureonetimeusage/report/unbilled/period/p1/export"), nil, `{}`)
		writeJSON(t, w, http.StatusAccepted, `"op-1"`)
	})
	p, _, err := c.Billing.BeginAzureOneTimeUnbilledUsageExport(context.Background(), "p1", nil)
	require.NoError(t, err)
	assert.Equal(t, "op-1", p.TaskID())

	c2, ts2 := setup(t)
	_, _, err = c2.Billing.BeginAzureOneTimeUnbilledUsageExport(context.Background(), "", nil)
	assertNoRequest(t, ts2, err, "period")
	_, err = c2.Billing.ResumeAzureOneTimeUnbilledUsageExport(clientToken(c2, kindUnbilledUsage, map[string]string{"period": "p", "operationId": ""}))
	assertNoRequest(t, ts2, err, "operationId")
	for _, extra := range []map[string]any{{"": 1}, {"f": func() {}}} {
		_, _, err = c2.Billing.BeginAzureOneTimeUnbilledUsageExport(context.Background(), "p1", &UnbilledUsageExportRequest{Extra: extra})
		assertNoRequest(t, ts2, err, "Extra")
	}
}

func TestBillingZeroUnbilledUsageExport(t *testing.T) {
	ctx := context.Background()
	for _, e := range []*UnbilledUsageExport{nil, {}, {Period: "p", OperationID: "op"}} {
		pg, resp, err := e.Page(ctx, nil)
		assert.Nil(t, pg)
		assert.Nil(t, resp)
		assert.ErrorContains(t, err, "UnbilledUsageExport is empty")
		n := 0
		for line, err := range e.Walk(ctx, nil) {
			n++
			assert.Nil(t, line.Raw)
			assert.ErrorContains(t, err, "UnbilledUsageExport is empty")
		}
		assert.Equal(t, 1, n)
	}
}

func TestBillingStreamBodyClosedOnBreak(t *testing.T) {
	// A large answer: breaking out after the first organization must not read the rest.
	c, ts := setup(t)
	var written atomic.Int64
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		n, _ := io.WriteString(w, `[{"billingDate":"2020-04-01T00:00:00","organizations":[`)
		written.Add(int64(n))
		org := `{"name":"` + strings.Repeat("x", 1000) + `"},`
		for i := 0; i < 20000; i++ {
			n, err := io.WriteString(w, org)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
		_, _ = io.WriteString(w, `{"name":"last"}]}]`)
	})
	for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilOpts) {
		require.NoError(t, err)
		assert.Len(t, o.Name, 1000)
		break
	}
	ts.CloseClientConnections()
	assert.Less(t, written.Load(), int64(20000*1000), "the walk stopped reading")
}

func TestBillingContextCancelDuringWalk(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"billingDate":"2020-04-01T00:00:00","organizations":[{"name":"A"},`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilOpts) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		assert.Equal(t, "A", o.Name)
		cancel()
	}
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], context.Canceled), "%v", errs[0])
}

// decodeWithEncodingJSON decodes a report the plain way, as the reference for the SDK's
// hand-written decoder.
func decodeWithEncodingJSON(t testing.TB, in []byte) []BillingRun {
	var runs []BillingRun
	require.NoError(t, json.Unmarshal(in, &runs))
	for i := range runs {
		for j := range runs[i].Organizations {
			o := &runs[i].Organizations[j]
			o.BillingDate = runs[i].BillingDate
			for k := range o.Services {
				for l := range o.Services[k].Items {
					for m := range o.Services[k].Items[l].Products {
						p := &o.Services[k].Items[l].Products[m]
						if string(p.ItemDetails) == "null" {
							p.ItemDetails = nil // the SDK's decoder reads null as nil
						}
					}
				}
			}
		}
	}
	return runs
}

// sameReport compares two reports value by value, amounts by text (value and scale).
func sameReport(t testing.TB, want, got []BillingRun) {
	t.Helper()
	w, err := json.Marshal(want)
	require.NoError(t, err)
	g, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(w), string(g))
}

func TestReportDecoderMatchesEncodingJSON(t *testing.T) {
	inputs := []string{
		string(fixture(t, "billing_monthly_per_organization.json")),
		twoRunReport,
		`[{"billingDate":"2020-04-01T00:00:00","organizations":[{"NAME":"a","ORGID":"x","services":[{"serviceName":"s\u00e9rvice \"q\"","serviceId":"id","totalResellerPrice":1e3,"totalCustomerPrice":"-0.50","currencyCode":null,
		  "items":[{"itemName":"i","quantity":10.0000,"totalResellerPrice":"123456789012345678901234.5678","totalCustomerPrice":"","resellerPricePerUnit":null,"customerPricePerUnit":0,
		    "products":[{"productName":"p","itemCode":"c","quantity":"1.50","itemDetails":{"a":[1,2,{"b":null}]},"unknown":[1]},{}]},{"products":[]},{"products":null}]}]}]}]`,
		`[{"organizations":[{"services":null},{"services":[]},{}]}]`,
	}
	gen := appendBenchOrg(nil, 7)
	inputs = append(inputs, `[{"billingDate":"2021-01-31T23:59:59","organizations":[`+string(gen)+`,`+string(appendBenchOrg(nil, 8))+`]}]`)
	for i, in := range inputs {
		got, err := ReadBillingReport(strings.NewReader(in))
		require.NoError(t, err, "input %d", i)
		sameReport(t, decodeWithEncodingJSON(t, []byte(in)), got.Runs)
	}
}

func TestReportDecoderTypeErrors(t *testing.T) {
	for _, in := range []string{
		`[{"organizations":[{"name":5}]}]`,
		`[{"organizations":[{"services":{}}]}]`,
		`[{"organizations":[{"services":[{"items":[{"products":[{"quantity":true}]}]}]}]}]`,
		`[{"organizations":[{"services":[{"items":[{"quantity":"ten"}]}]}]}]`,
		`[{"organizations":[5]}]`,
	} {
		_, err := ReadBillingReport(strings.NewReader(in))
		require.Error(t, err, in)
		var runs []BillingRun
		assert.Error(t, json.Unmarshal([]byte(in), &runs), "encoding/json refuses it too: %s", in)
	}
	_, err := ReadBillingReport(strings.NewReader(`[{"organizations":[{"services":[{"items":[{"products":[{},{"totalCustomerPrice":"x"}]}]}]}]}]`))
	assert.ErrorContains(t, err, "organization 0: services[0]: items[0]: products[1]: totalCustomerPrice")
}

func FuzzFastDecimal(f *testing.F) {
	for _, s := range []string{`"473.58"`, `10.0000`, `"-0.5"`, `"0"`, `-0`, `"1."`, `".5"`, `"1e3"`, `""`, `null`,
		`"123456789012345678"`, `"1234567890123456789"`, `"00012.3400"`, `"-"`, `"+1"`, `"1.2.3"`, `"\u0031"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := fastDecimal(b)
		if !ok {
			return
		}
		var want Decimal
		if err := want.UnmarshalJSON(b); err != nil {
			t.Fatalf("fast path accepted %q, UnmarshalJSON refused it: %v", b, err)
		}
		if !(Decimal{got}.Equal(want) && Decimal{got}.Text() == want.Text()) {
			t.Fatalf("%q: fast %s, slow %s", b, Decimal{got}, want)
		}
	})
}

// countingTransport counts the bytes read from the body of each GET answer, in order.
type countingTransport struct {
	base   http.RoundTripper
	mu     sync.Mutex
	bodies []*countingBody
}

type countingBody struct {
	rc io.ReadCloser
	n  atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.n.Add(int64(n))
	return n, err
}

func (b *countingBody) Close() error { return b.rc.Close() }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	if err == nil && r.Method == http.MethodGet {
		cb := &countingBody{rc: resp.Body}
		resp.Body = cb
		c.mu.Lock()
		c.bodies = append(c.bodies, cb)
		c.mu.Unlock()
	}
	return resp, err
}

// read returns how many bytes were read of the i-th GET answer's body.
func (c *countingTransport) read(i int) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bodies[i].n.Load()
}

// writeBigReport writes a report of orgs generated organizations (about 5.8 KB each), wrapped in an object
// with a status first when wrapped is true.
func writeBigReport(w http.ResponseWriter, wrapped bool, orgs int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if wrapped {
		_, _ = io.WriteString(w, `{"status":"Successful","report":`)
	}
	_, _ = io.WriteString(w, `[{"billingDate":"2020-04-01T00:00:00","organizations":[`)
	for i := 0; i < orgs; i++ {
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		if _, err := w.Write(appendBenchOrg(nil, i)); err != nil {
			return // the client closed the body: the peek is done
		}
	}
	_, _ = io.WriteString(w, `]}]`)
	if wrapped {
		_, _ = io.WriteString(w, `}`)
	}
}

func TestBillingTaskPollerPeeksThenWalksOnce(t *testing.T) {
	const orgs = 2500 // about 14 MB
	size := int64(len(appendBenchOrg(nil, 1)) * orgs)
	for _, wrapped := range []bool{false, true} {
		t.Run(fmt.Sprintf("wrapped=%v", wrapped), func(t *testing.T) {
			ts := newTestServer(t)
			ct := &countingTransport{base: http.DefaultTransport.(*http.Transport).Clone()}
			c := ts.client(t, WithTransport(ct))
			polls := asyncServer(t, ts, "big-1",
				answer(t, http.StatusAccepted, ""),
				answer(t, http.StatusOK, `{"status":"Processing"}`),
				func(w http.ResponseWriter) { writeBigReport(w, wrapped, orgs) })
			ctx := context.Background()
			p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
			require.NoError(t, err)
			task, err := p.PollUntilDone(ctx, fastPoll)
			require.NoError(t, err)
			assert.Equal(t, "big-1", task.TaskID)
			assert.Equal(t, int32(3), polls.Load())
			peeked := ct.read(2)
			t.Logf("the finishing poll read %d bytes of about %d", peeked, size)
			assert.Less(t, peeked, int64(64<<10), "the poll reads only the start of the finished report")

			n := 0
			for o, err := range task.Walk(ctx) {
				require.NoError(t, err)
				assert.Equal(t, time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), o.BillingDate.Time)
				n++
			}
			assert.Equal(t, orgs, n)
			assert.Equal(t, int32(4), polls.Load(), "three polls, then one download")
			assert.Greater(t, ct.read(3), size, "the walk read the whole report, once")
		})
	}
}

func TestBillingTaskPollerStates(t *testing.T) {
	for _, tc := range []struct {
		name, body, status string
	}{
		{"failed", `{"status":"Failed","message":"out of coffee"}`, "Failed"},
		{"failed after other members", `{"taskId":"t9","status":"error","report":null}`, "error"},
		{"unknown status", `{"status":"Exploded","report":[]}`, "Exploded"},
		{"done without report", `{"status":"Successful"}`, "Successful"},
		{"no report", `{"message":"what"}`, ""},
		{"empty 200", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			asyncServer(t, ts, "t9", answer(t, http.StatusOK, `{"Status":"Queued"}`), answer(t, http.StatusOK, tc.body))
			p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilStartReq)
			require.NoError(t, err)
			_, err = p.Poll(context.Background())
			require.NoError(t, err)
			assert.False(t, p.Done(), "a Queued status is running")
			_, err = p.PollUntilDone(context.Background(), fastPoll)
			var tf *TaskFailedError
			require.ErrorAs(t, err, &tf)
			assert.Equal(t, "t9", tf.TaskID)
			assert.Equal(t, kindBillingAsync, tf.Kind)
			assert.Equal(t, tc.status, tf.Status)
			assert.Equal(t, http.StatusOK, tf.StatusCode)
			assert.Equal(t, tc.body, string(tf.Body), "the answer is quoted as it came")
			assert.True(t, p.Done())
		})
	}
}

func TestBillingTaskFailedBodyIsCapped(t *testing.T) {
	c, ts := setup(t)
	long := `{"status":"Failed","message":"` + strings.Repeat("x", 10000) + `"}`
	asyncServer(t, ts, "t1", answer(t, http.StatusOK, long))
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(context.Background(), aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	_, err = p.PollUntilDone(context.Background(), fastPoll)
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, long[:4096], string(tf.Body))
}

func TestBillingTaskRead(t *testing.T) {
	c, ts := setup(t)
	report := string(fixture(t, "billing_monthly_per_organization.json"))
	polls := asyncServer(t, ts, "t-r", answer(t, http.StatusOK, report), answer(t, http.StatusOK, report), answer(t, http.StatusAccepted, ""))
	ctx := context.Background()
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	task, err := p.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	rep, resp, err := task.Read(ctx)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assertGuideReport(t, rep)
	_, _, err = task.Read(ctx)
	assert.ErrorIs(t, err, ErrNotDone, "a report that is gone back to running")
	assert.Equal(t, int32(3), polls.Load())
}

func TestBillingResumeThenWalkAndRead(t *testing.T) {
	c, ts := setup(t)
	report := string(fixture(t, "billing_monthly_per_organization.json"))
	asyncServer(t, ts, "t-x", answer(t, http.StatusOK, report))
	ctx := context.Background()

	full, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	task, err := c.Billing.ResumeMonthlyBillingPerOrganization(full.ResumeToken())
	require.NoError(t, err)
	assert.Equal(t, "t-x", task.TaskID())
	bt, err := task.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	var names []string
	for o, err := range bt.Walk(ctx) {
		require.NoError(t, err)
		names = append(names, o.Name)
	}
	assert.Equal(t, []string{"Ermantest0110"}, names)

	rep, _, err := bt.Read(ctx)
	require.NoError(t, err)
	assertGuideReport(t, rep)
	assert.Equal(t, full.ResumeToken(), task.ResumeToken(), "a resumed Poller hands out the same token")

	c2, ts2 := setup(t)
	_, err = c2.Billing.ResumeMonthlyBillingPerOrganization("garbage!")
	assertNoRequest(t, ts2, err, "resumeToken")
	_, err = c2.Billing.ResumeMonthlyBillingPerOrganization(clientToken(c2, kindBillingAsync, map[string]string{"taskId": "../x"}))
	assertNoRequest(t, ts2, err, "taskId")
}

func TestBillingZeroBillingTask(t *testing.T) {
	ctx := context.Background()
	for _, task := range []*BillingTask{nil, {}, {TaskID: "t1"}} {
		rep, resp, err := task.Read(ctx)
		assert.Nil(t, rep)
		assert.Nil(t, resp)
		assert.ErrorContains(t, err, "BillingTask is empty")
		n := 0
		for o, err := range task.Walk(ctx) {
			n++
			assert.Nil(t, o)
			assert.ErrorContains(t, err, "BillingTask is empty")
		}
		assert.Equal(t, 1, n)
	}
}

func TestPeekBillingReportReadsLittle(t *testing.T) {
	big := `{"billingDate":"2020-04-01T00:00:00","organizations":[` + strings.Repeat(`{"name":"x"},`, 100000) + `{"name":"y"}]}`
	for _, tc := range []struct {
		name, body string
		found      bool
		status     string
	}{
		{"bare array", `[` + big + `]`, true, ""},
		{"status first", `{"status":"Completed","report":[` + big + `]}`, true, "Completed"},
		{"array first", `{"report":[` + big + `],"status":"Completed"}`, true, ""},
		{"running with a big rest", `{"status":"Processing","report":[` + big + `]}`, false, "Processing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cb := &countingBody{rc: io.NopCloser(strings.NewReader(tc.body))}
			st, err := peekBillingReport(cb)
			require.NoError(t, err)
			assert.Equal(t, tc.found, st.found)
			assert.Equal(t, tc.status, st.value)
			assert.Less(t, cb.n.Load(), int64(64<<10), "of %d bytes", len(tc.body))
		})
	}
}

func TestBillingReportConcurrentReaders(t *testing.T) {
	decoded, err := ReadBillingReport(strings.NewReader(twoRunReport))
	require.NoError(t, err)
	date := NewTime(time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC))
	byHand := &BillingReport{Runs: []BillingRun{{BillingDate: date, Organizations: []OrganizationBilling{
		{Name: "A", OrganizationID: "a", Services: []ServiceBilling{{ServiceName: "S", TotalResellerPrice: MustDecimal("1"),
			Items: []BillingItem{{ItemName: "i", TotalResellerPrice: MustDecimal("2")}}}}},
	}}}}
	for _, rep := range []*BillingReport{decoded, byHand} {
		var wg sync.WaitGroup
		for g := 0; g < 2; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 50; i++ {
					for _, l := range rep.Lines() {
						assert.False(t, l.BillingDate.IsZero())
					}
					for _, d := range rep.Check() {
						assert.False(t, d.BillingDate.IsZero())
					}
					_ = rep.Totals()
				}
			}()
		}
		wg.Wait()
	}
	assert.True(t, byHand.Runs[0].Organizations[0].BillingDate.IsZero(), "reading never writes into the report")
	for o := range byHand.Organizations() {
		assert.Equal(t, date, o.BillingDate)
	}
	assert.Len(t, byHand.Check(), 1, "the service's stated cost differs from its item's")
}

// Query ExtraParams keys that a typed parameter already sends, or empty keys, are refused
// before the network (issue 9 item 17), on every billing method that takes them.
func TestBillingExtraParamsCollisions(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	_, _, err := c.Billing.BeginAzureOneTimeInvoiceReport(ctx, &AzureOneTimeInvoiceReportOptions{
		InvoiceNumber: "G1", Extra: ExtraParams{"invoicenumber": "G2"}})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.Billing.GetAzureInvoiceOverview(ctx, &AzureReportOptions{Extra: ExtraParams{" ": "x"}})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.Billing.GetAzureInvoice(ctx, "G1", &AzureReportOptions{Extra: ExtraParams{"InvoiceId": "G2"}})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.Billing.GetCSPMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, &CSPBillingReportOptions{Extra: ExtraParams{"enddate": "2020-05-01"}})
	assertNoRequest(t, ts, err, "Extra")
}

// A Raw-only model marshals to the JSON Cloudmore sent (a CLI's -o json, a cache), not to {}.
func TestBillingRawModelsMarshalAsReceived(t *testing.T) {
	for _, v := range []any{&BillingAzureInvoice{}, &BillingCSPReport{}, &BillingPerServiceReport{}, &BillingUsageLine{},
		&BillingAzureInvoiceList{}, &BillingAzureInvoiceOverview{}, &BillingAzureCustomDatesReport{}, &BillingAzureReport{},
		&BillingAzureOngoingPeriod{}, &BillingAzureOneTimeInvoiceList{}, &BillingAzureOneTimeInvoiceReport{}, &BillingAzureOneTimeUsageReport{}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, "null", string(b), "%T without an answer", v)
		in := `[{"a":"1.50"},{"b":null}]`
		require.NoError(t, json.Unmarshal([]byte(in), v))
		b, err = json.Marshal(v)
		require.NoError(t, err)
		assert.JSONEq(t, in, string(b), "%T", v)
	}
	page := UsagePage{Lines: []BillingUsageLine{{Raw: RawJSON(`{"x":1}`)}}}
	b, err := json.Marshal(page.Lines)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"x":1}]`, string(b))
}

// correlationServer answers every billing request of TestBillingCallOptionsReachTheWire and
// records, per request, its method, path and X-Correlation-Id header.
func correlationServer(t *testing.T, ts *testServer) func() []string {
	var mu sync.Mutex
	var seen []string
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+strings.TrimPrefix(r.URL.Path, brokerPath(""))+" "+r.Header.Get("X-Correlation-Id"))
		mu.Unlock()
		switch {
		case r.Method == http.MethodPost:
			writeJSON(t, w, http.StatusAccepted, `{"taskId":"t1","operationId":"op1"}`)
		case strings.Contains(r.URL.Path, "/billed/"):
			if r.URL.Query().Get("pageNumber") == "1" {
				writeJSON(t, w, http.StatusOK, `[{"line":1},{"line":2}]`)
				return
			}
			writeJSON(t, w, http.StatusOK, `[{"line":3}]`)
		default:
			writeJSON(t, w, http.StatusOK, twoRunReport)
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

// Every billing method hands its CallOptions to each request it sends: the streamed reports
// (read whole and walked), the starts of the asynchronous reports, and every page of a walk.
func TestBillingCallOptionsReachTheWire(t *testing.T) {
	c, ts := setup(t)
	seen := correlationServer(t, ts)
	ctx := context.Background()
	corr := WithCallHeader("X-Correlation-Id", "run-7")

	_, _, err := c.Billing.GetMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, nil, corr)
	require.NoError(t, err)
	for _, err := range c.Billing.WalkMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, nil, corr) {
		require.NoError(t, err)
	}
	_, _, err = c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, nil, corr)
	require.NoError(t, err)
	_, _, err = c.Billing.BeginAzureOneTimeInvoiceReport(ctx, nil, corr)
	require.NoError(t, err)
	_, _, err = c.Billing.BeginAzureOneTimeUnbilledUsageExport(ctx, "2024-10", nil, corr)
	require.NoError(t, err)
	n := 0
	for _, err := range c.Billing.WalkAzureOneTimeBilledUsage(ctx, "G1", &PageOptions{PageSize: 2}, corr) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)
	assert.Equal(t, []string{
		"GET billing/reports/MonthlyBillingPerOrganization run-7",
		"GET billing/reports/MonthlyBillingPerOrganization run-7",
		"POST billing/reports/MonthlyBillingPerOrganizationAsync run-7",
		"POST billing/azurereports/AzureOneTimeInvoice/generateReport run-7",
		"POST billing/azureonetimeusage/report/unbilled/period/2024-10/export run-7",
		"GET billing/azureonetimeusage/report/billed/invoice/G1 run-7",
		"GET billing/azureonetimeusage/report/billed/invoice/G1 run-7",
	}, seen())
}

// A method that sends more than one field's worth of bad input names every field at once:
// the path values with the body's or the query's own rules.
func TestBillingValidationNamesEveryField(t *testing.T) {
	ctx := context.Background()
	c, ts := setup(t)
	_, _, err := c.Billing.BeginAzureOneTimeUnbilledUsageExport(ctx, "", &UnbilledUsageExportRequest{Extra: map[string]any{"": 1}})
	assertNoRequestFields(t, ts, err, "period", "Extra")
	_, _, err = c.Billing.GetAzureOneTimeBilledUsagePage(ctx, "a/b", &PageOptions{PageNumber: -1, PageSize: -1})
	assertNoRequestFields(t, ts, err, "invoiceId", "pageNumber", "pageSize")
	_, _, err = c.Billing.GetAzureInvoice(ctx, "", &AzureReportOptions{Extra: ExtraParams{"invoiceId": "x", "": "y"}})
	assertNoRequestFields(t, ts, err, "invoiceId", "Extra", "Extra") // the repeated key, and the empty one
}

// The billing declarations: the starts of the asynchronous reports start tasks and are never
// repeated by default; their status GETs (and the export's result) are steps of the Begin
// method, repeatable, with the task's ids as path values.
func TestBillingOperationsDeclared(t *testing.T) {
	byName := map[string]Operation{}
	for _, o := range Operations() {
		byName[o.Name] = o
	}
	for _, begin := range []string{"BeginMonthlyBillingPerOrganization", "BeginAzureOneTimeInvoiceReport", "BeginAzureOneTimeUnbilledUsageExport"} {
		start := byName["Billing."+begin]
		assert.Equal(t, http.MethodPost, start.Method, begin)
		assert.True(t, start.Task, begin)
		assert.Equal(t, "not once written", start.Retry, begin)
		status := byName["Billing."+begin+": status"]
		assert.Equal(t, http.MethodGet, status.Method, begin)
		assert.Equal(t, "repeatable", status.Retry, begin)
		assert.False(t, status.Task, begin)
	}
	assert.Equal(t, []string{"taskId"}, byName["Billing.BeginMonthlyBillingPerOrganization: status"].Params)
	assert.Equal(t, []string{"period", "operationId"}, byName["Billing.BeginAzureOneTimeUnbilledUsageExport: status"].Params)
	assert.Equal(t, []string{"period", "operationId"}, byName["Billing.BeginAzureOneTimeUnbilledUsageExport: result"].Params)
	assert.Equal(t, reflect.TypeFor[*BillingReport](), byName["Billing.GetMonthlyBillingPerOrganization"].ResultType)
	assert.Equal(t, reflect.TypeFor[*PageOptions](), byName["Billing.GetAzureOneTimeBilledUsagePage"].Query)
}
