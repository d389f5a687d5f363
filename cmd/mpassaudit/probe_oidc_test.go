package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProbeOIDCClient(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "client.json")
	os.WriteFile(good, []byte(`{"client_id": "c1", "client_secret": "x", "redirect_uris": ["https://app.example.fi/cb"], "scope": "openid profile", "token_endpoint_auth_method": "client_secret_post"}`), 0o644)
	bad := filepath.Join(dir, "implicit.json")
	os.WriteFile(bad, []byte(`{"client_id": "c2", "redirect_uris": ["http://app.example.fi/cb"], "response_types": ["id_token token"], "scope": "openid"}`), 0o644)

	code, out, errOut := runCLI(t, "--lang", "en", "probe", "oidc-client", "--format", "json", fixedNow, good)
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	var rep struct {
		Probe   map[string]any
		Results []struct{ ID, Status, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rep.Results {
		got[r.ID] = r.Status
	}
	want := map[string]string{"SP-OIDC-01": "pass", "SP-OIDC-02": "pass", "SP-OIDC-03": "pass", "SP-OIDC-04": "warn", "SP-OIDC-05": "pass"}
	if len(got) != len(want) {
		t.Fatalf("results %v", got)
	}
	for id, s := range want {
		if got[id] != s {
			t.Errorf("%s: %s, want %s", id, got[id], s)
		}
	}
	if rep.Probe["kind"] != "oidc-client" || rep.Probe["client_id"] != "c1" || strings.Contains(out, `"x"`) {
		t.Errorf("probe %v", rep.Probe)
	}

	code, out, _ = runCLI(t, "--lang", "en", "probe", "oidc-client", fixedNow, bad)
	if code != exitFailed || !strings.Contains(out, "SP-OIDC-02") || !strings.Contains(out, "returns an access token") || !strings.Contains(out, "http://app.example.fi/cb: not https") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, _, errOut = runCLI(t, "probe", "oidc-client", filepath.Join(dir, "missing.json"))
	if code != exitUsage || !strings.Contains(errOut, "cannot read the client registration") {
		t.Errorf("missing: exit %d %s", code, errOut)
	}
}
