package audit

import (
	"fmt"
	"slices"
	"sort"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/probe/base"
)

// ProbeError is a probe that could not run, shown once with the
// requirements it leaves undecided (status error: "could not be checked",
// never a failure of the member).
type ProbeError struct {
	Kind         string   `json:"kind"`
	Target       string   `json:"target"`
	Class        string   `json:"class"`
	Message      string   `json:"message"`
	Detail       string   `json:"detail"`
	Remediation  string   `json:"remediation"`
	Requirements []string `json:"requirements"`
}

var classTexts = map[string]string{
	base.ClassNameNotFound:      "the name %s was not found (DNS)",
	base.ClassConnectionRefused: "%s refused the connection or could not be reached",
	base.ClassTimeout:           "%s did not answer within the time limit",
	base.ClassTLSHandshake:      "the TLS handshake with %s failed",
	base.ClassHTTPStatus:        "%s answered with an HTTP error status",
	base.ClassTooLarge:          "%s is larger than the size limit",
	base.ClassRefusedPrivate:    "%s is a private, loopback or link-local address, which probes refuse",
	base.ClassFile:              "the file %s cannot be read",
	base.ClassInvalid:           "%s is not a usable document",
}

const networkRemedy = "Check the address. The auditor's own network may block it: run the audit again where the address can be reached, or use --no-probe to leave the network checks to the operator."

var classRemedies = map[string]string{
	base.ClassNameNotFound:      networkRemedy,
	base.ClassConnectionRefused: networkRemedy,
	base.ClassTimeout:           networkRemedy,
	base.ClassTLSHandshake:      networkRemedy,
	base.ClassHTTPStatus:        networkRemedy,
	base.ClassRefusedPrivate:    "Give the public address that the operator can reach; --allow-private probes private addresses (for tests only).",
	base.ClassTooLarge:          "Give the document itself (at most 10 MiB), not an archive or a large aggregate.",
	base.ClassFile:              "Check the file's path in the answers (a relative path is read from the answers file's folder) and that it is a regular file.",
	base.ClassInvalid:           "Check that the file or address is the right document (SAML metadata, a sample export, a web page) and that it is well formed.",
}

// DescribeProbeError says in lang what went wrong with a failed probe
// result (its error class and target) and what to do about it.
func DescribeProbeError(lang string, r map[string]any) (message, remediation string) {
	class, _ := r["error_class"].(string)
	if _, ok := classTexts[class]; !ok {
		class = base.ClassInvalid
	}
	return i18n.T(lang, classTexts[class], str(r["target"])), i18n.T(lang, classRemedies[class])
}

// failedProbes lists the failed results among input.probes.
func failedProbes(probes map[string]any) []map[string]any {
	var out []map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["status"] == base.Error {
				out = append(out, x)
				return
			}
			if _, isResult := x["kind"]; isResult {
				return
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(probes)
	sort.Slice(out, func(i, j int) bool {
		return fmt.Sprint(out[i]["kind"], out[i]["target"]) < fmt.Sprint(out[j]["kind"], out[j]["target"])
	})
	return out
}

// noteProbeErrors lists each failed probe once with the requirements it
// leaves undecided, and says in those results what went wrong and what to
// do about it instead of the requirement's own remediation.
func (r *Report) noteProbeErrors(lang string, probes map[string]any) {
	r.ProbeErrors = nil
	seen := map[string]int{}
	for _, p := range failedProbes(probes) {
		key := fmt.Sprint(p["kind"], "\x00", p["target"])
		if _, dup := seen[key]; dup {
			continue
		}
		msg, rem := DescribeProbeError(lang, p)
		seen[key] = len(r.ProbeErrors)
		r.ProbeErrors = append(r.ProbeErrors, ProbeError{
			Kind: str(p["kind"]), Target: str(p["target"]), Class: str(p["error_class"]),
			Message: msg, Detail: str(p["error"]), Remediation: rem, Requirements: []string{},
		})
	}
	if len(r.ProbeErrors) == 0 {
		return
	}
	for i := range r.Results {
		res := &r.Results[i]
		if res.Status != Error {
			continue
		}
		for _, e := range res.Evidence {
			if e["kind"] != "probe" {
				continue
			}
			j, ok := seen[fmt.Sprint(e["probe"], "\x00", e["target"])]
			if !ok {
				continue
			}
			pe := &r.ProbeErrors[j]
			if !slices.Contains(pe.Requirements, res.ID) {
				pe.Requirements = append(pe.Requirements, res.ID)
			}
			res.Message = i18n.T(lang, "Could not be checked: %s", pe.Message)
			res.Remediation = pe.Remediation
			break
		}
	}
}
