// Package safefile reads the files that answers and commands name: regular
// files only (a FIFO would block forever, a device or socket never ends),
// within a size cap and a deadline. Members' files and operators' inputs
// come from outside: nothing may make the tool hang or fill its memory.
package safefile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrTooLarge is returned when a file exceeds the cap it is read with.
var ErrTooLarge = errors.New("file too large")

// NotRegularError says what a path is when it is not a regular file.
type NotRegularError struct {
	Path string
	What string
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file: give the path of a file", e.Path, e.What)
}

// Check refuses a path that is not a regular file (following links), naming
// what it is.
func Check(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	return checkMode(path, st.Mode())
}

func checkMode(path string, m fs.FileMode) error {
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &NotRegularError{path, "a directory"}
	case m&fs.ModeNamedPipe != 0:
		return &NotRegularError{path, "a named pipe (FIFO)"}
	case m&fs.ModeSocket != 0:
		return &NotRegularError{path, "a socket"}
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return &NotRegularError{path, "a device"}
	}
	return &NotRegularError{path, "not a regular file"}
}

// Read reads a regular file of at most limit bytes, giving up at timeout
// (0: no deadline). The mode is checked before the file is opened (opening
// a FIFO blocks) and again on the open file (the path may have changed).
func Read(ctx context.Context, path string, limit int64, timeout time.Duration) ([]byte, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkMode(path, st.Mode()); err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: %w (%d bytes, the limit is %d)", path, ErrTooLarge, st.Size(), limit)
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(f, limit+1))
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		if int64(len(r.b)) > limit {
			return nil, fmt.Errorf("%s: %w (the limit is %d bytes)", path, ErrTooLarge, limit)
		}
		return r.b, nil
	case <-ctx.Done():
		// Closing the file (deferred) ends the read.
		return nil, fmt.Errorf("%s: not read within the time limit: %w", path, ctx.Err())
	}
}

// WriteAtomic writes data to name through a temporary file in the same
// folder, so that a failure never leaves a half-written file.
func WriteAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// MaxFile bounds a file that a command or an answer names (a signed report
// is about 100 KB, a catalogue bundle a few hundred).
const MaxFile = 64 << 20

// ReadFile reads a regular file of at most MaxFile bytes within 30 s: the
// os.ReadFile of every path that comes from outside.
func ReadFile(path string) ([]byte, error) {
	return Read(context.Background(), path, MaxFile, 30*time.Second)
}
