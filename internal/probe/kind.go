package probe

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// Kind is one kind of probe. A kind only gathers facts about a target (a
// file, URL or host) and returns them as a result struct whose JSON is what
// the catalogue reads; it never judges. Each kind lives in one file
// (kind_*.go) that registers it, so adding a probe kind is one new file plus
// the Rego that reads it (requirements name the kinds they read in METADATA
// `probes:`).
type Kind interface {
	// Name is the kind as answers fields (`probe:`) and results name it.
	Name() string
	// Run probes one target within env's limits. It never fails: a probe
	// that could not finish has status "error" and the reason.
	Run(ctx context.Context, t Target, env Env) any
	// Hosts are the https URLs a result names whose TLS is probed too
	// (the ACS locations of SAML metadata, say).
	Hosts(result any) []string
	// Local reports whether a target is read from the local file system
	// (then --no-probe still reads it: no network is used).
	Local(target string) bool
	// Usage is the one-line help of `mpassaudit probe KIND` (English: the
	// command translates it) and the target it takes, e.g. "FILE|URL".
	Usage() (usage, target string)
}

// Parameterised is a kind that reads more than its target: its parameter
// names with their one-line help (English; `probe KIND --NAME` flags).
type Parameterised interface {
	Params() map[string]string
}

// Env is what every probe run shares: the network rules, the time limit of
// one probe and the audit time.
type Env struct {
	Net     safenet.Options
	Timeout time.Duration
	Now     time.Time
}

var kinds = map[string]Kind{}

// Register adds a probe kind; each kind file calls it from init.
func Register(k Kind) {
	if _, dup := kinds[k.Name()]; dup {
		panic("probe kind registered twice: " + k.Name())
	}
	kinds[k.Name()] = k
}

// Lookup returns the probe kind of that name.
func Lookup(name string) (Kind, bool) {
	k, ok := kinds[name]
	return k, ok
}

// Names lists the registered probe kinds in name order.
func Names() []string {
	out := make([]string, 0, len(kinds))
	for n := range kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// isURL reports whether a target names a URL rather than a file or host.
func isURL(s string) bool {
	return strings.Contains(s, "://")
}
