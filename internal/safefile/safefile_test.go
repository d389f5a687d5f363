package safefile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.csv")
	os.WriteFile(ok, []byte("a,b\n"), 0o600)
	big := filepath.Join(dir, "big.csv")
	os.WriteFile(big, make([]byte, 2048), 0o600)
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, c := range []struct {
		name, path, want string
	}{
		{"regular", ok, ""},
		{"directory", dir, "is a directory, not a regular file"},
		{"fifo", fifo, "is a named pipe (FIFO), not a regular file"},
		{"device", "/dev/zero", "is a device, not a regular file"},
		{"too large", big, "file too large"},
		{"missing", filepath.Join(dir, "nope"), "no such file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			b, err := Read(context.Background(), c.path, 1024, time.Second)
			if time.Since(start) > 500*time.Millisecond {
				t.Errorf("took %v", time.Since(start))
			}
			switch {
			case c.want == "" && (err != nil || string(b) != "a,b\n"):
				t.Errorf("Read = %q, %v", b, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), filepath.Base(c.path))):
				t.Errorf("Read = %v, want %q naming the path", err, c.want)
			}
		})
	}
	var nr *NotRegularError
	if err := Check(fifo); !errors.As(err, &nr) {
		t.Errorf("Check(fifo) = %v", err)
	}
}
