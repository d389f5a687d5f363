package sample

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
)

func TestCSV(t *testing.T) {
	in := "\xef\xbb\xbffirstName,surname,learnerId,schoolCode,userRole,class\n" +
		"Testi,Oppilas,1.2.246.562.98.1234567890,00001;00002,oppilas;oppilas,7A\n" +
		"\n" +
		"Toinen,\"Rivi\nkahdella\",1.2.246.562.24.00000000001,00001,opettaja,\n"
	format, rows, err := Parse("export.csv", []byte(in))
	if err != nil || format != CSV {
		t.Fatalf("%s, %v", format, err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	// Rows are file lines: the header is line 1, a blank line is skipped.
	if rows[0].Row != 2 || rows[1].Row != 4 {
		t.Errorf("rows %d and %d, want 2 and 4", rows[0].Row, rows[1].Row)
	}
	if got := rows[0].Fields["schoolCode"]; !slices.Equal(got, []string{"00001;00002"}) {
		t.Errorf("schoolCode %q: the raw ';'-separated value must be kept", got)
	}
	if got := rows[1].Fields["class"]; !slices.Equal(got, []string{""}) {
		t.Errorf("empty class %q", got)
	}
	if got := rows[1].Fields["surname"]; !slices.Equal(got, []string{"Rivi\nkahdella"}) {
		t.Errorf("quoted field %q", got)
	}
}

func TestCSVErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "empty",
		"a;b\n1;2\n":              "separated by ';'",
		"a,b\n1,2,3\n":            "wrong number of fields",
		"a,,b\n1,2,3\n":           "empty column name",
		"a,a\n1,2\n":              "twice",
		"a,b\n\"unterminated,2\n": "CSV",
	} {
		if _, _, err := Parse("x.csv", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error naming %q", in, err, want)
		}
	}
}

func TestJSON(t *testing.T) {
	in := `[{"learnerId":"1.2.246.562.98.1234567890","classLevel":7,"roles":["oppilas","opettaja"],"nickName":null,"charge":true},{"schoolCode":"00001;00002"}]`
	format, rows, err := Parse("sample.json", []byte(in))
	if err != nil || format != JSON || len(rows) != 2 {
		t.Fatalf("%s %d %v", format, len(rows), err)
	}
	r := rows[0]
	if r.Row != 1 || !slices.Equal(r.Fields["classLevel"], []string{"7"}) || !slices.Equal(r.Fields["roles"], []string{"oppilas", "opettaja"}) ||
		!slices.Equal(r.Fields["charge"], []string{"true"}) {
		t.Errorf("row 1: %+v", r)
	}
	if _, ok := r.Fields["nickName"]; ok {
		t.Error("null must be absent")
	}
	if rows[1].Row != 2 || !slices.Equal(rows[1].Fields["schoolCode"], []string{"00001;00002"}) {
		t.Errorf("row 2: %+v", rows[1])
	}
	for in, want := range map[string]string{
		`{"a":1}`:         "array of objects",
		`[1]`:             "row 1: not a JSON object",
		`[{"a":{"b":1}}]`: "row 1, field \"a\": an object",
		`[{"a":[[1]]}]`:   "a list inside a list",
	} {
		if _, _, err := Parse("s.json", []byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}

// The corpus SAML responses (MANIFEST.md §4.2): attribute names and counts.
func TestCorpusResponses(t *testing.T) {
	dir := probetest.Corpus(t, "saml-responses")
	cases := []struct {
		file  string
		names []string
		err   string
	}{
		{file: "omniauth-mpassid_authn_response_unsigned.xml", names: []string{
			"urn:oid:2.5.4.4", "urn:mpass.id:classLevel", "urn:mpass.id:schoolInfo", "urn:oid:1.3.6.1.4.1.16161.1.1.27", "urn:mpass.id:schoolCode",
			"urn:mpass.id:educationProviderId", "urn:mpass.id:school", "urn:mpass.id:educationProvider", "urn:mpass.id:class",
			"urn:mpass.id:educationProviderInfo", "urn:mpass.id:role", "urn:oid:2.5.4.42", "urn:mpass.id:role_v1.1", "urn:mpass.id:uid"}},
		{file: "pysaml2_attribute_response.xml", names: []string{"urn:oid:0.9.2342.19200300.100.1.3", "urn:oid:1.3.6.1.4.1.5923.1.1.1.10"}},
		{file: "pysaml2_okta_response.xml", err: "EncryptedAssertion"},
		{file: "python3-saml_pretty_signed_message_response.xml", names: []string{"uid", "mail", "cn", "sn", "eduPersonAffiliation"}},
	}
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			r := Probe(context.Background(), filepath.Join(dir, c.file), now)
			if c.err != "" {
				if r.Status != "error" || !strings.Contains(r.Error, c.err) {
					t.Errorf("status %s %q, want an error naming %q", r.Status, r.Error, c.err)
				}
				return
			}
			if r.Status != "ok" || r.Format != SAMLResponse || len(r.Rows) != 1 || r.Rows[0].Row != 1 {
				t.Fatalf("%+v", r)
			}
			var got []string
			for k, v := range r.Rows[0].Fields {
				got = append(got, k)
				if len(v) == 0 {
					t.Errorf("%s has no values", k)
				}
			}
			slices.Sort(got)
			want := slices.Clone(c.names)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("attributes %v\nmanifest   %v", got, want)
			}
		})
	}
}

func TestSAMLHostile(t *testing.T) {
	_, _, err := Parse("r.xml", []byte(`<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>`))
	if err == nil || !strings.Contains(err.Error(), "DTD") {
		t.Errorf("DTD: %v", err)
	}
}

func TestProbeMissingFile(t *testing.T) {
	r := Probe(context.Background(), filepath.Join(t.TempDir(), "none.csv"), time.Now())
	if r.Status != "error" || !strings.Contains(r.Error, "none.csv") {
		t.Errorf("%+v", r.Meta)
	}
	big := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(big, []byte(strings.Repeat("a,b\n", 3<<20)), 0o600); err != nil {
		t.Fatal(err)
	}
	r = Probe(context.Background(), big, time.Now())
	if r.Status != "error" || !strings.Contains(r.Error, "limit") {
		t.Errorf("12 MiB sample: %+v", r.Meta)
	}
}

func FuzzSampleCSV(f *testing.F) {
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte("learnerId,schoolCode\n\"1.2.246\",\"1;2\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseCSV(data)
		if err != nil {
			return
		}
		for i, r := range rows {
			if r.Row < 2 || (i > 0 && r.Row <= rows[i-1].Row) {
				t.Fatalf("row numbers %d after %d", r.Row, i)
			}
		}
	})
}

func FuzzSampleJSON(f *testing.F) {
	f.Add([]byte(`[{"a":"b","c":[1,"2"]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseJSON(data)
		if err != nil {
			return
		}
		for i, r := range rows {
			if r.Row != i+1 {
				t.Fatalf("row %d at %d", r.Row, i)
			}
		}
	})
}

func FuzzSampleSAML(f *testing.F) {
	f.Add([]byte(`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:AttributeStatement><saml:Attribute Name="a"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = ParseSAML(data)
	})
}
