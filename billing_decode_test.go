package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 9 item 8: every reader of a billing model fills every field the model declares. The
// report's models are filled by reflection (every field, at every level, a distinct non-zero
// value), written with encoding/json, and read back by the SDK's hand-written decoders
// (ReadBillingReport, DecodeBillingReport, the HTTP walk and read). A field added to a model
// that the streaming decoder does not read fails here, named by its path; a field of a type
// the filler does not know fails too, so the test is extended with the model.

// fillModel sets every field of v (a struct, slice or leaf) to a distinct non-zero value.
// Fields tagged json:"-" are left for the decoder's own rules (OrganizationBilling.BillingDate).
func fillModel(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	*n++
	switch v.Type() {
	case reflect.TypeOf(Decimal{}):
		v.Set(reflect.ValueOf(MustDecimal(fmt.Sprintf("%d.%02d", *n, *n%97+1))))
		return
	case reflect.TypeOf(Time{}):
		v.Set(reflect.ValueOf(NewTime(time.Date(2020, 4, 1+*n%27, 23, 59, *n%60, 0, time.UTC))))
		return
	case reflect.TypeOf(json.RawMessage(nil)):
		v.Set(reflect.ValueOf(json.RawMessage(fmt.Sprintf(`{"n":%d}`, *n))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s#%d", path, *n))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillModel(t, s.Index(i), fmt.Sprintf("%s[%d]", path, i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fillModel(t, v.Field(i), path+"."+f.Name, n)
		}
	default:
		t.Fatalf("fillModel: %s is a %s: teach the test (and the streaming decoder) this type", path, v.Type())
	}
}

// sameModel compares want and got field by field and reports each difference by its path.
func sameModel(t *testing.T, want, got reflect.Value, path string) {
	t.Helper()
	switch want.Type() {
	case reflect.TypeOf(Decimal{}):
		w, g := want.Interface().(Decimal), got.Interface().(Decimal)
		assert.True(t, w.Equal(g) && w.Text() == g.Text(), "%s: want %s, decoded %s", path, w.Text(), g.Text())
		return
	case reflect.TypeOf(Time{}):
		w, g := want.Interface().(Time), got.Interface().(Time)
		assert.True(t, w.Equal(g.Time), "%s: want %v, decoded %v", path, w, g)
		return
	case reflect.TypeOf(json.RawMessage(nil)):
		assert.JSONEq(t, string(want.Bytes()), string(got.Bytes()), path)
		return
	}
	switch want.Kind() {
	case reflect.Slice:
		if !assert.Equal(t, want.Len(), got.Len(), "%s: length", path) {
			return
		}
		for i := 0; i < want.Len(); i++ {
			sameModel(t, want.Index(i), got.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Struct:
		for i := 0; i < want.NumField(); i++ {
			if want.Type().Field(i).IsExported() {
				sameModel(t, want.Field(i), got.Field(i), path+"."+want.Type().Field(i).Name)
			}
		}
	default:
		assert.Equal(t, want.Interface(), got.Interface(), path)
	}
}

// filledReport returns a report whose every model field is set, and its JSON.
func filledReport(t *testing.T) ([]BillingRun, []byte) {
	t.Helper()
	var runs []BillingRun
	n := 0
	fillModel(t, reflect.ValueOf(&runs).Elem(), "runs", &n)
	b, err := json.Marshal(runs)
	require.NoError(t, err)
	// What the decoders add: each organization carries its run's date.
	for i := range runs {
		for j := range runs[i].Organizations {
			runs[i].Organizations[j].BillingDate = runs[i].BillingDate
		}
	}
	return runs, b
}

// runOrgs returns the organizations of runs, in order.
func runOrgs(runs []BillingRun) []OrganizationBilling {
	var orgs []OrganizationBilling
	for _, r := range runs {
		orgs = append(orgs, r.Organizations...)
	}
	return orgs
}

func TestEveryBillingModelFieldIsDecoded(t *testing.T) {
	want, body := filledReport(t)

	t.Run("ReadBillingReport", func(t *testing.T) {
		rep, err := ReadBillingReport(strings.NewReader(string(body)))
		require.NoError(t, err)
		sameModel(t, reflect.ValueOf(want), reflect.ValueOf(rep.Runs), "runs")
	})
	t.Run("DecodeBillingReport", func(t *testing.T) {
		var got []OrganizationBilling
		for o, err := range DecodeBillingReport(strings.NewReader(string(body))) {
			require.NoError(t, err)
			got = append(got, *o)
		}
		orgs := runOrgs(want)
		sameModel(t, reflect.ValueOf(orgs), reflect.ValueOf(got), "organizations")
	})
	t.Run("encoding/json agrees", func(t *testing.T) {
		var runs []BillingRun
		require.NoError(t, json.Unmarshal(body, &runs))
		for i := range runs {
			for j := range runs[i].Organizations {
				runs[i].Organizations[j].BillingDate = runs[i].BillingDate
			}
		}
		sameModel(t, reflect.ValueOf(want), reflect.ValueOf(runs), "runs")
	})
	t.Run("over HTTP: walk, and the task's Read and Walk", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("GET "+brokerPath("billing/reports/MonthlyBillingPerOrganization"), func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write(body)
		})
		asyncServer(t, ts, "t1", answer(t, http.StatusOK, string(body)))
		ctx := context.Background()
		var walked []OrganizationBilling
		for o, err := range c.Billing.WalkMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilOpts) {
			require.NoError(t, err)
			walked = append(walked, *o)
		}
		orgs := runOrgs(want)
		sameModel(t, reflect.ValueOf(orgs), reflect.ValueOf(walked), "walk")

		p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
		require.NoError(t, err)
		task, err := p.PollUntilDone(ctx, fastPoll)
		require.NoError(t, err)
		rep, _, err := task.Read(ctx)
		require.NoError(t, err)
		sameModel(t, reflect.ValueOf(want), reflect.ValueOf(rep.Runs), "read")
		walked = walked[:0]
		for o, err := range task.Walk(ctx) {
			require.NoError(t, err)
			walked = append(walked, *o)
		}
		sameModel(t, reflect.ValueOf(orgs), reflect.ValueOf(walked), "task walk")
	})
}

// The parity test itself must notice a field the decoder skips: a model with one field more
// than the decoder reads differs.
func TestFillModelCatchesAnUnreadField(t *testing.T) {
	type product struct {
		BillingProduct
		Extra string `json:"extraField"`
	}
	var want product
	n := 0
	fillModel(t, reflect.ValueOf(&want).Elem(), "p", &n)
	b, err := json.Marshal([]map[string]any{{"organizations": []map[string]any{{"services": []map[string]any{{"items": []map[string]any{{"products": []product{want}}}}}}}}})
	require.NoError(t, err)
	rep, err := ReadBillingReport(strings.NewReader(string(b)))
	require.NoError(t, err)
	got := product{BillingProduct: rep.Runs[0].Organizations[0].Services[0].Items[0].Products[0]}
	sameModel(t, reflect.ValueOf(want.BillingProduct), reflect.ValueOf(got.BillingProduct), "p")
	assert.NotEqual(t, want.Extra, got.Extra, "the decoder has no field for extraField: a real model field like it would fail TestEveryBillingModelFieldIsDecoded")
}

// Issue 9 item 7: a billing report wrapped in an object is read only when exactly one member
// can be the report; several arrays, or elements that are not billing runs, are an error,
// never an empty report.
func TestWrappedBillingReportNeedsExactlyOneReport(t *testing.T) {
	run := `{"billingDate":"2020-04-01T00:00:00","organizations":[{"name":"A","orgId":"a"}]}`
	good := []struct{ name, in string }{
		{"one array among other members", `{"status":"Successful","taskId":"t","data":[` + run + `]}`},
		{"empty report in one member", `{"status":"Successful","data":[]}`},
		{"run with organizations only", `[{"organizations":[]}]`},
		{"run with a date only", `[{"billingDate":"2020-04-01T00:00:00"}]`},
	}
	for _, tc := range good {
		t.Run("ok "+tc.name, func(t *testing.T) {
			_, err := ReadBillingReport(strings.NewReader(tc.in))
			require.NoError(t, err)
		})
	}
	bad := []struct{ name, in, want string }{
		{"two arrays", `{"data":[` + run + `],"errors":[]}`, "several arrays"},
		{"two arrays, empty first", `{"warnings":[],"data":[` + run + `]}`, "several arrays"},
		{"elements are not runs", `{"items":[{"id":1},{"id":2}]}`, "not a billing run"},
		{"bare array of other objects", `[{"orderId":"x"}]`, "not a billing run"},
		{"array of strings", `{"ids":["a","b"]}`, "not an object"},
		{"a run, then something else", `[` + run + `,{"total":3}]`, "element 1"},
	}
	for _, tc := range bad {
		t.Run("bad "+tc.name, func(t *testing.T) {
			rep, err := ReadBillingReport(strings.NewReader(tc.in))
			assert.Nil(t, rep)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var last error
			for _, err := range DecodeBillingReport(strings.NewReader(tc.in)) {
				if err != nil {
					last = err
				}
			}
			require.Error(t, last)
			assert.Contains(t, last.Error(), tc.want)

			// The synchronous report and the task's Read and Walk say so too.
			c, ts := setup(t)
			ts.Mux.HandleFunc("GET "+brokerPath("billing/reports/MonthlyBillingPerOrganization"), func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, http.StatusOK, tc.in)
			})
			asyncServer(t, ts, "t1", answer(t, http.StatusOK, tc.in))
			ctx := context.Background()
			got, _, err := c.Billing.GetMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, nil)
			assert.Nil(t, got)
			assert.ErrorContains(t, err, tc.want)
			p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
			require.NoError(t, err)
			task, err := p.PollUntilDone(ctx, fastPoll)
			require.NoError(t, err, "a poll reads only up to the first array")
			_, _, err = task.Read(ctx)
			assert.ErrorContains(t, err, tc.want)
			var walkErr error
			for _, err := range task.Walk(ctx) {
				if err != nil {
					walkErr = err
				}
			}
			assert.ErrorContains(t, walkErr, tc.want)
		})
	}
}

// Issue 9 item 13: a UTF-8 byte-order mark before the report (as .NET writes it) is skipped
// by every reader: a saved file, the synchronous report, and the task's polls, Read and Walk.
func TestBillingReportWithByteOrderMark(t *testing.T) {
	bom := "\ufeff"
	run := `[{"billingDate":"2020-04-01T00:00:00","organizations":[{"name":"A","orgId":"a"}]}]`
	rep, err := ReadBillingReport(strings.NewReader(bom + run))
	require.NoError(t, err)
	require.Len(t, rep.Runs, 1)
	for o, err := range DecodeBillingReport(strings.NewReader(bom + run)) {
		require.NoError(t, err)
		assert.Equal(t, "A", o.Name)
	}
	for _, in := range []string{"", bom, "[", "\xef\xbb"} {
		_, err := ReadBillingReport(strings.NewReader(in))
		assert.Error(t, err, "%q", in)
	}
	_, err = ReadBillingReport(strings.NewReader("[]"))
	assert.NoError(t, err, "short answers without a mark still decode")

	c, ts := setup(t)
	ts.Mux.HandleFunc("GET "+brokerPath("billing/reports/MonthlyBillingPerOrganization"), func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write([]byte(bom + run))
	})
	asyncServer(t, ts, "t1", answer(t, http.StatusOK, bom+`{"status":"Processing"}`), answer(t, http.StatusOK, bom+run))
	ctx := context.Background()
	got, _, err := c.Billing.GetMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, nil)
	require.NoError(t, err)
	assert.Len(t, got.Runs, 1)
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	_, err = p.Poll(ctx)
	require.NoError(t, err)
	assert.False(t, p.Done(), "a running status after a mark is read as running")
	task, err := p.PollUntilDone(ctx, fastPoll)
	require.NoError(t, err)
	got, _, err = task.Read(ctx)
	require.NoError(t, err)
	assert.Len(t, got.Runs, 1)
	for o, err := range task.Walk(ctx) {
		require.NoError(t, err)
		assert.Equal(t, "A", o.Name)
	}
}
