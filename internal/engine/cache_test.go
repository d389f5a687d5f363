package engine_test

import (
	"context"
	"os"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/engine"
)

// The embedded catalogue compiles once; the same catalogue from a
// directory has the same digest, so it is the same engine.
func TestCached(t *testing.T) {
	ctx := context.Background()
	a, err := engine.Cached(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.Cached(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := engine.Cached(ctx, os.DirFS("../../policies"))
	if err != nil {
		t.Fatal(err)
	}
	if a != b || a != dir {
		t.Errorf("the catalogue was compiled more than once: %p %p %p", a, b, dir)
	}
	if c, err := engine.For(ctx, a.Catalog); err != nil || c != a {
		t.Errorf("For(the same catalogue) = %p, %v; want %p", c, err, a)
	}
	if _, err := engine.Cached(ctx, os.DirFS(t.TempDir())); err == nil {
		t.Error("an empty directory gave a catalogue")
	}
}
