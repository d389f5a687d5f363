package version

import (
	"runtime/debug"
	"testing"
)

func TestGet(t *testing.T) {
	defer func(v, c string, r func() (*debug.BuildInfo, bool)) { Version, Commit, readBuildInfo = v, c, r }(Version, Commit, readBuildInfo)
	vcs := func(main string, settings ...string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/mpassaudit/mpassaudit", Version: main}}
			for i := 0; i+1 < len(settings); i += 2 {
				bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
			}
			return bi, true
		}
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	const rev = "0123456789abcdef0123456789abcdef01234567"
	cases := []struct {
		name         string
		ldVersion    string
		ldCommit     string
		info         func() (*debug.BuildInfo, bool)
		version, sem string
		commit       string
		modified     bool
	}{
		{"go install @v0.2.0", "", "", vcs("v0.2.0"), "v0.2.0", "0.2.0", "", false},
		{"go build in a clone at a tag", "", "", vcs("v0.2.0", "vcs.revision", rev, "vcs.modified", "false"), "v0.2.0", "0.2.0", rev, false},
		{"go build past a tag, dirty", "", "", vcs("v0.2.1-0.20261201223000-0123456789ab+dirty", "vcs.revision", rev, "vcs.modified", "true"),
			"v0.2.1-0.20261201223000-0123456789ab+dirty", "0.2.1-0.20261201223000-0123456789ab+dirty", rev, true},
		{"devel with a VCS stamp", "", "", vcs("(devel)", "vcs.revision", rev, "vcs.modified", "true"), "dev+0123456789ab.dirty", "", rev, true},
		{"go test: nothing known", "", "", vcs("(devel)"), "dev", "", "", false},
		{"no build info", "", "", none, "dev", "", "", false},
		{"release ldflags win", "v0.3.0", rev, vcs("(devel)", "vcs.revision", "ffff"), "v0.3.0", "0.3.0", rev, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			Version, Commit, readBuildInfo = c.ldVersion, c.ldCommit, c.info
			got := Get()
			if got.Version != c.version || got.Commit != c.commit || got.Modified != c.modified {
				t.Errorf("Get() = %+v, want version %q commit %q modified %v", got, c.version, c.commit, c.modified)
			}
			if s := String(); s != c.version {
				t.Errorf("String() = %q, want %q", s, c.version)
			}
			if s := Semantic(); s != c.sem {
				t.Errorf("Semantic() = %q, want %q", s, c.sem)
			}
		})
	}
}

func TestIsSemver(t *testing.T) {
	for v, want := range map[string]bool{
		"0.2.0": true, "1.10.3-rc.1": true, "0.2.1-0.2026-ab+dirty": true, "1.2.3+meta": true,
		"dev": false, "1.2": false, "01.2.3": false, "1.2.3-": false, "v1.2.3": false, "": false,
	} {
		if got := isSemver(v); got != want {
			t.Errorf("isSemver(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestRef(t *testing.T) {
	for v, want := range map[string]string{
		"v0.2.0":                               "v0.2.0",
		"v0.3.0-rc.1":                          "v0.3.0-rc.1",
		"v0.2.1-0.20261201223000-0123456789ab": "0123456789ab",
		"v0.2.1-0.20261201223000-0123456789ab+dirty": "0123456789ab",
		"dev+0123456789ab":                           "0123456789ab",
		"dev+0123456789ab.dirty":                     "0123456789ab",
		"dev":                                        "",
		"":                                           "",
		"dev+xyz":                                    "",
	} {
		if got := Ref(v); got != want {
			t.Errorf("Ref(%q) = %q, want %q", v, got, want)
		}
	}
}
