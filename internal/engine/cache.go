package engine

import (
	"context"
	"io/fs"
	"sync"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

var (
	cacheMu  sync.Mutex
	cached   = map[string]*Engine{}
	embOnce  sync.Once
	embedded *catalog.Catalog
	embErr   error
)

// Cached returns the engine of the catalogue in fsys (nil: the embedded
// catalogue), compiled once per catalogue digest for the whole process:
// verifying many reports, or many tests, must not recompile the policies.
func Cached(ctx context.Context, fsys fs.FS) (*Engine, error) {
	var cat *catalog.Catalog
	var err error
	if fsys == nil {
		embOnce.Do(func() { embedded, embErr = catalog.Load(policies.FS) })
		cat, err = embedded, embErr
	} else {
		cat, err = catalog.Load(fsys)
	}
	if err != nil {
		return nil, err
	}
	return For(ctx, cat)
}

// For returns the engine of a loaded catalogue (a bundle from --catalog or
// catalog.FromArchive), compiled once per catalogue digest for the process.
func For(ctx context.Context, cat *catalog.Catalog) (*Engine, error) {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if e, ok := cached[cat.Digest]; ok {
		return e, nil
	}
	e, err := New(ctx, cat)
	if err != nil {
		return nil, err
	}
	cached[cat.Digest] = e
	return e, nil
}
