// Package version names the build of mpassaudit: the one string that every
// artefact (JSON tool.version, SARIF, JUnit, OSCAL, the PDF) records and that
// `mpassaudit version` prints.
package version

import (
	"runtime/debug"
	"strings"
)

// Version and Commit are set for release builds:
//
//	go build -ldflags "-X github.com/mpassaudit/mpassaudit/internal/version.Version=v0.2.0 \
//	    -X github.com/mpassaudit/mpassaudit/internal/version.Commit=$(git rev-parse HEAD)" ./cmd/mpassaudit
//
// Without them the build's own information is used (see String).
var (
	Version = ""
	Commit  = ""
)

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// Info is what is known about the running build.
type Info struct {
	Version  string // v0.2.0, a Go pseudo-version, or "dev" when nothing is known
	Commit   string // full VCS revision, "" when unknown
	Modified bool   // built from a work tree with uncommitted changes
	Time     string // commit time (RFC 3339), "" when unknown
}

// Get returns the build's version and commit: -ldflags -X first, then the
// module version (go install …@v0.2.0 records it; go build in a clone records
// the tag or a pseudo-version), then the VCS stamp of a build in a clone.
func Get() Info {
	var in Info
	bi, ok := readBuildInfo()
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				in.Commit = s.Value
			case "vcs.modified":
				in.Modified = s.Value == "true"
			case "vcs.time":
				in.Time = s.Value
			}
		}
	}
	switch {
	case Version != "":
		in.Version = Version
	case ok && bi.Main.Version != "" && bi.Main.Version != "(devel)":
		in.Version = bi.Main.Version
	case in.Commit != "":
		// A build without a module version but with a VCS stamp: name the
		// commit, so that two dev builds are told apart.
		in.Version = "dev+" + short(in.Commit)
		if in.Modified {
			in.Version += ".dirty"
		}
	default:
		in.Version = "dev"
	}
	if Commit != "" {
		in.Commit = Commit
	}
	return in
}

// String is the version recorded in every artefact.
func String() string { return Get().Version }

// Semantic is the version as Semantic Versioning 2.0 without the "v" (for
// SARIF's semanticVersion), or "" when the build has no such version.
func Semantic() string { return SemanticOf(String()) }

// SemanticOf is Semantic for a version string recorded in a report.
func SemanticOf(v string) string {
	v = strings.TrimPrefix(v, "v")
	if !isSemver(v) {
		return ""
	}
	return v
}

// Ref is the git ref a version string was built from, for links into the
// repository: the tag of a release (v0.2.0), the commit of a Go
// pseudo-version (v0.2.1-0.20261201223000-0123456789ab) or of a dev build
// (dev+0123456789ab), "" when the string names none.
func Ref(v string) string {
	base := strings.TrimSuffix(v, "+dirty")
	if rest, ok := strings.CutPrefix(base, "dev+"); ok {
		rest = strings.TrimSuffix(rest, ".dirty")
		if len(rest) >= 7 && isHex(rest) {
			return rest
		}
		return ""
	}
	if SemanticOf(base) == "" {
		return ""
	}
	core, _, _ := strings.Cut(base, "+")
	if j := strings.LastIndex(core, "-"); j >= 0 && len(core)-j-1 == 12 && isHex(core[j+1:]) {
		return core[j+1:] // a Go pseudo-version ends in -<timestamp>-<12 hex digits of the commit>
	}
	return core
}

func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return s != ""
}

// isSemver checks MAJOR.MINOR.PATCH with optional -pre and +build parts.
func isSemver(v string) bool {
	core, _, _ := strings.Cut(v, "+")
	core, pre, hasPre := strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if !numeric(p) || (len(p) > 1 && p[0] == '0') {
			return false
		}
	}
	if hasPre && pre == "" {
		return false
	}
	return true
}

func numeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
