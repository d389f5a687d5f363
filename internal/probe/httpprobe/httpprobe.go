// Package httpprobe checks that a URL a member named (privacy notice, Wilma,
// federation metadata) answers over https: the status, the final URL after
// at most safenet.MaxRedirects redirects, whether every step was https, and
// whether the final answer sets HSTS.
package httpprobe

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// Kind is the probe name used in answers fields and results.
const Kind = "http"

// Result is one URL's result.
type Result struct {
	base.Meta
	StatusCode int      `json:"status_code"`
	FinalURL   string   `json:"final_url"`
	HTTPS      bool     `json:"https"`
	HSTS       bool     `json:"hsts"`
	Redirects  []string `json:"redirects"`
}

// Probe fetches target. A redirect to plain http is not followed: the
// result then has https false, final_url the http location and the
// redirect's status code, so the catalogue can fail it. It never returns an
// error: a probe that fails has Status "error" and the reason.
func Probe(ctx context.Context, target string, o safenet.Options, timeout time.Duration, now time.Time) *Result {
	r := &Result{Meta: base.NewMeta(Kind, target, now), Redirects: []string{}}
	if _, err := o.CheckURL(target); err != nil {
		r.Fail(err)
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		r.Fail(err)
		return r
	}
	req.Header.Set("User-Agent", "mpassaudit-probe")
	client := o.Client(timeout, func(next *http.Request) { r.Redirects = append(r.Redirects, next.URL.String()) })
	resp, err := client.Do(req)
	if err != nil {
		r.Fail(safenet.Explain(err))
		return r
	}
	defer resp.Body.Close()
	r.StatusCode = resp.StatusCode
	r.FinalURL = resp.Request.URL.String()
	r.HTTPS = resp.Request.URL.Scheme == "https"
	if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != "" {
		if u, err := resp.Request.URL.Parse(loc); err == nil && u.Scheme != "https" {
			r.Redirects = append(r.Redirects, u.String())
			r.FinalURL, r.HTTPS = u.String(), false
		}
	}
	r.HSTS = r.HTTPS && hsts(resp.Header.Get("Strict-Transport-Security"))
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(resp.Body, base.MaxBody+1))
	if err != nil {
		r.Fail(fmt.Errorf("%s: reading the answer: %w", r.FinalURL, safenet.Explain(err)))
		return r
	}
	if n > base.MaxBody {
		r.Fail(fmt.Errorf("%s: the answer is %w", r.FinalURL, base.ErrTooLarge))
		return r
	}
	r.SHA256 = hex.EncodeToString(h.Sum(nil))
	return r
}

// hsts is true for a Strict-Transport-Security header with max-age > 0.
func hsts(v string) bool {
	for _, part := range strings.Split(v, ";") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.EqualFold(k, "max-age") {
			n, err := strconv.Atoi(strings.Trim(val, `" `))
			return err == nil && n > 0
		}
	}
	return false
}
