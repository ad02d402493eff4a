package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBrokerCustomPropertiesList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("settings/CustomProperties"), nil, "")
		writeJSON(t, w, http.StatusOK, `[
			{"id":"e5301751-f9a3-4a2d-8a88-34f8441760f0","name":"Cost centre","type":"TextBox","mandatory":true},
			{"id":"d63a4053-ee92-49a0-a447-5d05cf596346","name":"Newsletter","type":"checkbox"}]`)
	})
	props, _, err := c.Broker.CustomProperties.List(context.Background())
	require.NoError(t, err)
	require.Len(t, props, 2)
	assert.Equal(t, "e5301751-f9a3-4a2d-8a88-34f8441760f0", props[0].ID)
	assert.Equal(t, CustomPropertyTextbox, props[0].Type, "type is case-tolerant")
	assert.True(t, props[0].Type.Valid())
	assert.Equal(t, CustomPropertyCheckbox, props[1].Type)
	assert.Contains(t, string(props[0].Raw), `"mandatory":true`)
}

func TestDecodeCustomProperties(t *testing.T) {
	defs := []BrokerCustomProperty{
		{ID: "e5301751-f9a3-4a2d-8a88-34f8441760f0", Name: "Cost centre", Type: CustomPropertyTextbox},
		{ID: "d63a4053-ee92-49a0-a447-5d05cf596346", Name: "Newsletter", Type: CustomPropertyCheckbox},
		{ID: "0c1e3d9f-5b8a-4f6e-9d2c-7a1b3c5d7e9f", Name: "Tier", Type: CustomPropertyDropdown},
	}
	t.Run("array", func(t *testing.T) {
		got, err := DecodeCustomProperties(defs, json.RawMessage(`[
			{"id":"e5301751-f9a3-4a2d-8a88-34f8441760f0","value":"Some extra information"},
			{"id":"D63A4053-EE92-49A0-A447-5D05CF596346","value":"1"},
			{"id":"0c1e3d9f-5b8a-4f6e-9d2c-7a1b3c5d7e9f","value":"Gold"},
			{"id":"not-defined","value":7}]`))
		require.NoError(t, err)
		assert.Equal(t, []TypedCustomProperty{
			{ID: "e5301751-f9a3-4a2d-8a88-34f8441760f0", Name: "Cost centre", Type: CustomPropertyTextbox, Value: "Some extra information"},
			{ID: "D63A4053-EE92-49A0-A447-5D05CF596346", Name: "Newsletter", Type: CustomPropertyCheckbox, Value: "1", Checked: true},
			{ID: "0c1e3d9f-5b8a-4f6e-9d2c-7a1b3c5d7e9f", Name: "Tier", Type: CustomPropertyDropdown, Value: "Gold"},
			{ID: "not-defined", Value: "7"},
		}, got)
	})
	t.Run("checkbox values", func(t *testing.T) {
		for raw, want := range map[string]bool{`"1"`: true, `"true"`: true, `true`: true, `1`: true,
			`"0"`: false, `"false"`: false, `false`: false, `""`: false, `null`: false} {
			got, err := DecodeCustomProperties(defs, json.RawMessage(`[{"id":"d63a4053-ee92-49a0-a447-5d05cf596346","value":`+raw+`}]`))
			require.NoError(t, err, raw)
			assert.Equal(t, want, got[0].Checked, raw)
		}
		_, err := DecodeCustomProperties(defs, json.RawMessage(`[{"id":"d63a4053-ee92-49a0-a447-5d05cf596346","value":"yes"}]`))
		assert.ErrorContains(t, err, "not a boolean")
	})
	t.Run("whole object", func(t *testing.T) {
		got, err := DecodeCustomProperties(defs, fixture(t, "organizations_get.json"))
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, "Cost centre", got[0].Name)
		got, err = DecodeCustomProperties(defs, json.RawMessage(`{"id":"x"}`))
		require.NoError(t, err)
		assert.Nil(t, got)
	})
	t.Run("empty and errors", func(t *testing.T) {
		for _, raw := range []string{``, `null`, ` `, `{"customProperties":null}`} {
			got, err := DecodeCustomProperties(defs, json.RawMessage(raw))
			require.NoError(t, err, raw)
			assert.Nil(t, got, raw)
		}
		got, err := DecodeCustomProperties(nil, json.RawMessage(`[]`))
		require.NoError(t, err)
		assert.Empty(t, got)
		_, err = DecodeCustomProperties(defs, json.RawMessage(`[{"value":"x"}]`))
		assert.ErrorContains(t, err, "no id")
		_, err = DecodeCustomProperties(defs, json.RawMessage(`"text"`))
		assert.Error(t, err)
	})
}

func TestCustomPropertyType(t *testing.T) {
	for in, want := range map[string]CustomPropertyType{
		`"textbox"`: CustomPropertyTextbox, `"TextBox"`: CustomPropertyTextbox, `"DropDown"`: CustomPropertyDropdown,
		`"CHECKBOX"`: CustomPropertyCheckbox, `null`: "", `"radio"`: "radio",
	} {
		var got CustomPropertyType
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, got, in)
	}
	assert.False(t, CustomPropertyType("radio").Valid())
	var bad CustomPropertyType
	assert.Error(t, json.Unmarshal([]byte(`5`), &bad))
}
