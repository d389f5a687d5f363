package engine

import (
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Reading results straight from OPA's terms must give what Decode gives for
// the same value as JSON (the path `opa eval` output takes).
func TestDecodeTermMatchesDecode(t *testing.T) {
	tests := []struct {
		name, value string
	}{
		{"plain", `[{"id": "X-01", "area": "a", "severity": "must", "status": "pass", "message": {"fi": "f", "sv": "s", "en": "e"}, "evidence": []}]`},
		{"evidence values", `[{"id": "X-01", "status": "fail", "evidence": [
			{"kind": "answer", "path": "a.b", "value": 14},
			{"kind": "answer", "path": "a.c", "value": 1.5},
			{"kind": "answer", "path": "a.d", "value": [true, null, "x", 12345678901234]},
			{"kind": "probe", "certificates": [{"role": "sp", "not_after": "2027-01-01"}]},
			"not an object"
		]}]`},
		{"set and non-string keys", `[{"id": "X-01", "status": "warn", "evidence": [{"rows": {3, 1, 2}, "by_row": {1: "a", 2: "b"}}]}]`},
		{"no message, no evidence", `[{"id": "X-01", "status": "manual"}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := ast.MustParseTerm(tc.value).Value
			got, ok := decodeTerm(v)
			if !ok {
				t.Fatal("decodeTerm refused a valid value")
			}
			j, err := ast.JSON(v)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Decode(j)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decodeTerm:\n%#v\nDecode:\n%#v", got, want)
			}
		})
	}
}

// A value Decode refuses is handed on, so that Decode names the fault.
func TestDecodeTermRefuses(t *testing.T) {
	for _, s := range []string{`{"id": "X"}`, `["x"]`, `[{"id": "X-01"}]`, `[{"status": "pass"}]`} {
		if _, ok := decodeTerm(ast.MustParseTerm(s).Value); ok {
			t.Errorf("decodeTerm accepted %s", s)
		}
	}
}
