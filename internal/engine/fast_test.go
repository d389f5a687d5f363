package engine

import (
	"context"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

// The embedded catalogue takes the fast path. When this fails, lib.rego
// changed one of the rules the fast path mirrors (libRules): port the
// change to fastRule.result and set libFingerprint to the value shown.
func TestFastPathIsUsed(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := fingerprint(cat.Modules); got != libFingerprint {
		t.Fatalf("lib.result is not the one the fast path mirrors: fingerprint %s, want %s", got, libFingerprint)
	}
	e, err := New(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Fast() {
		t.Fatal("the embedded catalogue does not take the fast path")
	}
	full := 0
	for id, r := range e.fast.rules {
		if r.full {
			full++
			t.Logf("%s is judged by the catalogue's lib.result", id)
		}
	}
	if want := len(cat.Requirements); len(e.fast.rules) != want || full > 0 {
		t.Errorf("%d of %d requirements on the fast path, %d judged whole", len(e.fast.rules)-full, want, full)
	}
}
