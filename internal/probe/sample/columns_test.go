package sample

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestClosest(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"luokka-aste", "classLevel"}, // Finnish word (#8 item 3)
		{"oppijanumero", "learnerId"},
		{"oppilaitostunnus", "schoolCode"},
		{"rooli", "userRole"},
		{"Årskurs", "classLevel"}, // Swedish, å folded
		{"LearnerID", "learnerId"},
		{"learner_id", "learnerId"},
		{"extension_0b0e5f4e3c7a4d1e9a552f7c1e6b9d21_classLevel", "classLevel"},
		{"lernerId", "learnerId"},   // one typing error
		{"schoolcde", "schoolCode"}, // one typing error
		{"vahtimestari", ""},        // nothing near
		{"x", ""},
		{"", ""},
	} {
		if got := Closest(c.name, DefaultColumns, aliases); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	if got := Closest("urn:mpass.id:schoolCode", SAMLNames, samlAliases); got != "urn:mpass.id:schoolInfo" {
		t.Errorf("legacy schoolCode: %q", got)
	}
	if got := Closest("uid", SAMLNames, samlAliases); got != "urn:mpass.id:uid" {
		t.Errorf("uid: %q", got)
	}
	if got := Closest("learnerId", SAMLNames, samlAliases); got != "urn:oid:1.3.6.1.4.1.16161.1.1.27" {
		t.Errorf("friendly learnerId: %q", got)
	}
}

func TestColumns(t *testing.T) {
	header := []string{"oppijanumero", "oppilaitostunnus", "rooli", "luokka-aste", "mpassUserIdentity"}
	cols, unknown := Columns(CSV, header, []Row{{Row: 2, Fields: map[string][]string{"oppijanumero": {"x"}}}})
	if !slices.Equal(cols, header) {
		t.Errorf("columns %q: the header order is kept", cols)
	}
	want := []Unknown{{"oppijanumero", "learnerId"}, {"oppilaitostunnus", "schoolCode"}, {"rooli", "userRole"}, {"luokka-aste", "classLevel"}}
	if !slices.Equal(unknown, want) {
		t.Errorf("unrecognised %v, want %v", unknown, want)
	}
	// JSON and SAML rows have no column order: first seen, then by name.
	cols, unknown = Columns(JSON, nil, []Row{
		{Row: 1, Fields: map[string][]string{"schoolCode": {"1"}, "learnerId": {"2"}}},
		{Row: 2, Fields: map[string][]string{"userRole": {"3"}, "learnerId": {"2"}}},
	})
	if !slices.Equal(cols, []string{"learnerId", "schoolCode", "userRole"}) || len(unknown) != 0 {
		t.Errorf("JSON columns %q, unrecognised %v", cols, unknown)
	}
	cols, unknown = Columns(SAMLResponse, nil, []Row{{Row: 1, Fields: map[string][]string{"urn:mpass.id:uid": {"u"}, "urn:mpass.id:schoolCode": {"1"}}}})
	if len(cols) != 2 || len(unknown) != 1 || unknown[0].Closest != "urn:mpass.id:schoolInfo" {
		t.Errorf("SAML columns %q, unrecognised %v", cols, unknown)
	}
	if cols, unknown := Columns(CSV, nil, nil); cols == nil || unknown == nil {
		t.Error("empty lists, not null, in the JSON result")
	}
}

// The probe result keeps its v1 fields and adds columns, unrecognised and
// expected (per registry type; Entra ID is the member's mapping).
func TestProbeReportsColumns(t *testing.T) {
	f := filepath.Join(t.TempDir(), "otos.csv")
	if err := os.WriteFile(f, []byte("oppijanumero,oppilaitostunnus,rooli,luokka-aste\n1.2.246.562.24.10000000016,03760,oppilas,12\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := Probe(context.Background(), f, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "target", "status", "format", "rows", "columns", "unrecognised", "expected"} {
		if _, ok := m[k]; !ok {
			t.Errorf("result lacks %q: %s", k, b)
		}
	}
	if len(r.Unrecognised) != 4 || r.Unrecognised[3] != (Unknown{"luokka-aste", "classLevel"}) {
		t.Errorf("unrecognised %v", r.Unrecognised)
	}
	exp := r.Expected
	if !slices.Equal(exp["adfs"], DefaultColumns) || !slices.Equal(exp["google"], DefaultColumns) || !slices.Equal(exp[SAMLResponse], SAMLNames) {
		t.Errorf("expected %v", exp)
	}
	if _, ok := exp["entra"]; ok {
		t.Error("Entra ID's columns are the member's mapping: not listed")
	}
	// A header without rows still names its columns.
	if err := os.WriteFile(f, []byte("learnerId,schoolCode\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := Probe(context.Background(), f, time.Now()); !slices.Equal(r.Columns, []string{"learnerId", "schoolCode"}) {
		t.Errorf("header only: %q", r.Columns)
	}
}

func FuzzClosest(f *testing.F) {
	f.Add("luokka-aste")
	f.Add("extension_0b0e5f4e3c7a4d1e9a552f7c1e6b9d21_x")
	f.Add("ÅÄÖ")
	f.Fuzz(func(t *testing.T, name string) {
		c := Closest(name, DefaultColumns, aliases)
		if c != "" && !slices.Contains(DefaultColumns, c) {
			t.Fatalf("Closest(%q) = %q, not a known name", name, c)
		}
	})
}
