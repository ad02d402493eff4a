package cloudmoretest

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestStateDocumentCoversEveryField: every field of the fake's business data has its field in
// the state document (SaveState), by name, so that a field added to the fake without its place
// in the document fails here instead of being lost across a restart. The fields that are not
// business state are named, each with its reason.
func TestStateDocumentCoversEveryField(t *testing.T) {
	for _, tc := range []struct {
		data, doc any
		notKept   []string          // fields of data the document leaves out on purpose
		renamed   map[string]string // data field -> document field
		docOnly   []string          // fields of the document that are not fields of data
	}{
		{data: state{}, doc: stateDocument{}, notKept: []string{"opts"}, // the server's Options, not state
			docOnly: []string{"Format", "Hooks", "SellerSvcs", "Licences", "BrokerAdded"}}, // the webhookState's, below
		{data: webhookState{}, doc: stateDocument{},
			notKept: []string{"dmu", "queue", "pending", "idle", "running", "log", "attempts", "hc"}, // deliveries, not state
			renamed: map[string]string{"services": "SellerSvcs"},
			docOnly: []string{"Format", "Services", "Orgs", "TakenPrefixes", "CSPUnlinked", "Tasks", "Broker", "Docs", "Ext"}},
		{data: docStore{}, doc: stateDocument{}, renamed: map[string]string{"cols": "Docs"},
			docOnly: []string{"Format", "Services", "Orgs", "TakenPrefixes", "CSPUnlinked", "Tasks", "Broker", "Ext", "Hooks", "SellerSvcs", "Licences", "BrokerAdded"}},
		{data: service{}, doc: stateService{}},
		{data: product{}, doc: stateProduct{}},
		{data: cspProduct{}, doc: stateCSPProduct{}},
		{data: nceProduct{}, doc: stateNCEProduct{}},
		{data: org{}, doc: stateOrg{}},
		{data: user{}, doc: stateUser{}},
		{data: orgService{}, doc: stateOrgService{}},
		{data: customSub{}, doc: stateCustomSub{}},
		{data: historyEvent{}, doc: stateHistoryEvent{}},
		{data: cspTenant{}, doc: stateCSPTenant{}},
		{data: cloudAgreement{}, doc: stateCloudAgreement{}},
		{data: cspSub{}, doc: stateCSPSub{}},
		{data: nceSub{}, doc: stateNCESub{}},
		// only finished tasks are kept: pollsLeft and done follow, finish is code
		{data: task{}, doc: stateTask{}, notKept: []string{"pollsLeft", "done", "finish"}},
		{data: brokerState{}, doc: stateBroker{}},
		{data: brokerServiceState{}, doc: stateBrokerService{}},
		{data: brokerAddon{}, doc: stateBrokerAddon{}},
		{data: consumption{}, doc: stateConsumption{}},
		{data: docCollection{}, doc: stateDocCollection{}},
		{data: extState{}, doc: stateExt{}},
		{data: azureOrg{}, doc: stateAzureOrg{}},
		{data: azurePlan{}, doc: stateAzurePlan{}},
		{data: userGroup{}, doc: stateUserGroup{}},
		{data: manualLine{}, doc: stateManualLine{}},
		{data: externalInvoice{}, doc: stateExternalInvoice{}},
		{data: sellerHook{}, doc: stateHook{}},
		{data: sellerSvc{}, doc: stateSellerSvc{}},
	} {
		dt, ct := reflect.TypeOf(tc.data), reflect.TypeOf(tc.doc)
		want := map[string]bool{}
		for i := range dt.NumField() {
			name := dt.Field(i).Name
			if contains(tc.notKept, name) {
				continue
			}
			if r, ok := tc.renamed[name]; ok {
				name = r
			}
			want[strings.ToLower(name)] = true
		}
		got := map[string]bool{}
		for i := range ct.NumField() {
			if name := ct.Field(i).Name; !contains(tc.docOnly, name) {
				got[strings.ToLower(name)] = true
			}
		}
		if missing, extra := diffKeys(want, got), diffKeys(got, want); len(missing)+len(extra) > 0 {
			t.Errorf("%s -> %s: fields not in the document %v; document fields that are not the data's %v", dt.Name(), ct.Name(), missing, extra)
		}
	}
	// A field added to Server is business state (then in the document) or named here.
	known := []string{"srv", "opts", "mux", "tb", "ctl", "latency", "tokenLatency", "faults", "drops", "log", "tokens", "tokenCount",
		"limiter", "throttled", "unverified", "strictMembers", "refused", "refusalsChecked", "clk", "clock", "offset", "mu", "st", "hooks"}
	st := reflect.TypeOf(Server{})
	for i := range st.NumField() {
		if !contains(known, st.Field(i).Name) {
			t.Errorf("Server.%s is new: keep it in the state document (savestate.go) if it is business state, and name it in this test", st.Field(i).Name)
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func diffKeys(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
