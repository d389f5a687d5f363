package base

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// Error classes of a failed probe, so that reports say what went wrong in
// the reader's language and what to do about it, and count it as "could not
// be checked" rather than as a failure of the member.
const (
	ClassNameNotFound      = "name_not_found"
	ClassConnectionRefused = "connection_refused"
	ClassTimeout           = "timeout"
	ClassTLSHandshake      = "tls_handshake"
	ClassHTTPStatus        = "http_status"
	ClassTooLarge          = "too_large"
	ClassRefusedPrivate    = "refused_private"
	ClassFile              = "file"
	ClassInvalid           = "invalid"
)

// ErrRefused marks a target the probe safety rules refuse (private,
// loopback or link-local addresses, non-https URLs).
var ErrRefused = errors.New("refused")

// HTTPStatusError is an answer other than 200 OK.
type HTTPStatusError struct {
	URL    string
	Status string
}

func (e *HTTPStatusError) Error() string { return e.URL + " answered " + e.Status }

// Classify names the class of a probe error; what is not a network or
// file failure is a document the probe could not use (ClassInvalid).
func Classify(err error) string {
	var dns *net.DNSError
	var hs *HTTPStatusError
	var rh tls.RecordHeaderError
	var alert tls.AlertError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var pathErr *fs.PathError
	var notRegular *safefile.NotRegularError
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRefused):
		return ClassRefusedPrivate
	case errors.Is(err, ErrTooLarge), errors.Is(err, safefile.ErrTooLarge):
		return ClassTooLarge
	case errors.As(err, &hs):
		return ClassHTTPStatus
	case errors.As(err, &dns) && (dns.IsNotFound || !dns.IsTimeout):
		return ClassNameNotFound
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return ClassConnectionRefused
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return ClassTimeout
	case errors.As(err, &rh), errors.As(err, &alert), errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalid),
		strings.Contains(err.Error(), "tls: "):
		return ClassTLSHandshake
	case errors.As(err, &pathErr), errors.As(err, &notRegular):
		return ClassFile
	}
	return ClassInvalid
}
