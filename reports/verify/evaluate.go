package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/reports"
)

// fixedProber hands the runner the probe results embedded in the report.
type fixedProber map[string]any

func (p fixedProber) Probe(context.Context, *answers.Answers, string) map[string]any { return p }

// reevaluate renders the embedded JSON again and compares the pages, then
// judges the embedded answers (and probe results) again at the report's
// time and compares the results.
func (o *Outcome) reevaluate(ctx context.Context, c *content, pdf []byte, dicts []*sigDict, opts Options) {
	rep := o.Report
	eng, err := engine.Cached(ctx, opts.CatalogFS)
	if err != nil {
		o.problem("the catalogue to judge against cannot be loaded: %v", err)
		return
	}
	cat := eng.Catalog
	if cat.Digest != rep.Catalog.Digest && opts.CatalogArchive != "" {
		// The catalogue the report names, from the operator's archive.
		arch, err := catalog.FromArchive(opts.CatalogArchive, rep.Catalog.Version, rep.Catalog.Digest, catalog.OpenOptions{Trust: opts.CatalogTrust})
		if err != nil {
			o.problem("%v", err)
			return
		}
		if eng, err = engine.For(ctx, arch); err != nil {
			o.problem("the catalogue %s of the archive cannot be compiled: %v", arch.Version, err)
			return
		}
		cat = eng.Catalog
	}
	if cat.Digest != rep.Catalog.Digest {
		o.problem("the report was judged against catalogue %s (digest %s) but the catalogue at hand is %s (digest %s): verify with --catalog DIR holding catalogue %s, or ask the member for a report against %s",
			rep.Catalog.Version, rep.Catalog.Digest, cat.Version, cat.Digest, rep.Catalog.Version, cat.Version)
		return
	}
	// Rendering again and judging again are independent: run them side by
	// side (verify's budget is 100 ms per report).
	type rendered struct{ problems, notes []string }
	done := make(chan rendered, 1)
	go func() {
		p, n := o.compareRendering(cat, pdf, dicts)
		done <- rendered{p, n}
	}()
	defer func() {
		r := <-done
		o.Problems = append(o.Problems, r.problems...)
		o.Notes = append(o.Notes, r.notes...)
	}()

	if o.Answers == nil {
		return
	}
	a, err := answers.Parse(reports.AttachmentAnswers, "", o.Answers, cat)
	if err != nil {
		o.problem("the embedded answers do not fit catalogue %s: %v", cat.Version, err)
		return
	}
	o.answers = a
	probes := map[string]any{}
	if o.Probes == nil {
		o.problem("the PDF has no embedded %s: the probe results the report was judged on were removed", reports.AttachmentProbes)
		return
	}
	if err := json.Unmarshal(o.Probes, &probes); err != nil {
		o.problem("the embedded %s is not JSON: %v", reports.AttachmentProbes, err)
		return
	}
	at, err := time.Parse(time.RFC3339, rep.GeneratedAt)
	if err != nil {
		o.problem("the report's generated_at %q is not an RFC 3339 time", rep.GeneratedAt)
		return
	}
	// Exactly the embedded waivers that a trusted operator signed apply.
	r := &audit.Runner{Engine: eng, Env: rep.Member.Environment, Lang: o.lang(opts), Now: at, Prober: fixedProber(probes)}
	if o.waivers != nil {
		r.Waivers = o.waivers
	}
	again, err := r.Run(ctx, a)
	if err != nil {
		o.problem("judging the embedded answers again failed: %v", err)
		return
	}
	o.Differences = differences(rep, again)
	if len(o.Differences) > 0 {
		o.problem("judging the embedded answers again against catalogue %s gives %d different result(s) (listed under differences): the report does not follow from its answers", cat.Version, len(o.Differences))
	}
}

func (o *Outcome) lang(opts Options) string {
	switch {
	case o.Report.Lang != "":
		return o.Report.Lang
	case opts.Lang != "":
		return opts.Lang
	}
	return "en"
}

// compareRendering renders the embedded JSON result again: the signed
// document must begin with exactly those bytes, so the pages show what the
// JSON says. A report made by another version of the tool is not compared
// (its layout may differ), and a note says so. It only reads o.
func (o *Outcome) compareRendering(cat *catalog.Catalog, pdf []byte, dicts []*sigDict) (problems, notes []string) {
	rep := o.Report
	if v := audit.ToolVersion(); rep.Tool.Version != v {
		return nil, []string{fmt.Sprintf("the report was made by mpassaudit %s and this is %s, so its pages were not compared with the embedded JSON result by rendering it again", rep.Tool.Version, v)}
	}
	rendered, err := reports.PDFFromJSON(o.ReportJSON, reports.PDFOptions{Catalog: cat, Answers: o.Answers, Probes: o.Probes, Waivers: o.Waivers})
	if err != nil {
		return []string{fmt.Sprintf("the embedded JSON result cannot be rendered again: %v", err)}, nil
	}
	if !bytes.HasPrefix(pdf, rendered) {
		n := 0
		for n < len(rendered) && n < len(pdf) && rendered[n] == pdf[n] {
			n++
		}
		return []string{fmt.Sprintf("the pages do not show the embedded JSON result: rendering it again gives a different document from byte %d on", n)}, nil
	}
	// The member signed exactly the rendered report: no other update
	// lies between the two (checkRevisions compares what each update adds).
	if len(dicts) > 0 && o.base != 0 && (o.base < int64(len(rendered)) || len(bytes.TrimLeft(pdf[len(rendered):o.base], "\r\n")) > 0) {
		return []string{o.t("the member's signature does not follow the rendered report directly: the report as rendered ends at byte %d, but the revision before the member's signature ends at byte %d: the report was changed before it was signed", len(rendered), o.base)}, nil
	}
	return nil, nil
}

// differences lists how a report differs from its answers judged again.
func differences(rep, again *audit.Report) []string {
	var out []string
	if rep.Member != again.Member {
		out = append(out, fmt.Sprintf("member: the report says %+v, the answers say %+v", rep.Member, again.Member))
	}
	byID := map[string]audit.Result{}
	for _, r := range again.Results {
		byID[r.ID] = r
	}
	seen := map[string]bool{}
	for _, r := range rep.Results {
		seen[r.ID] = true
		n, ok := byID[r.ID]
		if !ok {
			out = append(out, fmt.Sprintf("%s: in the report, but the catalogue gives no such result for these answers", r.ID))
			continue
		}
		if r.Status != n.Status {
			out = append(out, fmt.Sprintf("%s: status %s in the report, %s when judged again", r.ID, r.Status, n.Status))
		}
		if r.Severity != n.Severity {
			out = append(out, fmt.Sprintf("%s: severity %s in the report, %s when judged again", r.ID, r.Severity, n.Severity))
		}
		if r.Message != n.Message {
			out = append(out, fmt.Sprintf("%s: message %q in the report, %q when judged again", r.ID, r.Message, n.Message))
		}
		if !sameJSON(r.Waiver, n.Waiver) {
			out = append(out, fmt.Sprintf("%s: the waiver in the report (%s) is not the embedded operator-signed one (%s)", r.ID, waiverText(r.Waiver), waiverText(n.Waiver)))
		}
		if r.Title != n.Title || r.Area != n.Area {
			out = append(out, fmt.Sprintf("%s: title or area differ from the catalogue's", r.ID))
		}
		if r.Remediation != n.Remediation {
			out = append(out, fmt.Sprintf("%s: remediation differs from the catalogue's", r.ID))
		}
		if !sameJSON(r.Evidence, n.Evidence) {
			out = append(out, fmt.Sprintf("%s: evidence differs from the answers", r.ID))
		}
	}
	var extra []string
	for id := range byID {
		if !seen[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	for _, id := range extra {
		out = append(out, fmt.Sprintf("%s: judged again it is %s, but the report leaves it out", id, byID[id].Status))
	}
	// The summary and verdict must follow from the report's own results.
	own := *rep
	own.Results = append([]audit.Result{}, rep.Results...)
	own.Finish()
	if own.Summary != rep.Summary || own.Verdict != rep.Verdict {
		out = append(out, fmt.Sprintf("summary: the report says %+v, verdict %s; its results give %+v, verdict %s", rep.Summary, rep.Verdict, own.Summary, own.Verdict))
	}
	return out
}

func waiverText(w *audit.Waiver) string {
	if w == nil {
		return "none"
	}
	return fmt.Sprintf("approved by %s, valid until %s: %s", w.Approver, w.Expires, w.Reason)
}

func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	var x, y any
	_ = json.Unmarshal(ja, &x)
	_ = json.Unmarshal(jb, &y)
	return reflect.DeepEqual(x, y)
}

// reprobe judges the embedded answers with the probes run now and lists,
// per requirement, what changed since the report.
func (o *Outcome) reprobe(ctx context.Context, opts Options) {
	if opts.Prober == nil {
		o.problem("--reprobe: no prober is available, so the live configuration was not checked")
		return
	}
	if o.answers == nil {
		o.problem("--reprobe: the embedded answers could not be judged, so the live configuration was not checked")
		return
	}
	eng, err := engine.Cached(ctx, opts.CatalogFS)
	if err != nil {
		o.problem("--reprobe: %v", err)
		return
	}
	rep := o.Report
	r := &audit.Runner{Engine: eng, Env: rep.Member.Environment, Lang: o.lang(opts), Prober: opts.Prober}
	now, err := r.Run(ctx, o.answers)
	if err != nil {
		o.problem("--reprobe: %v", err)
		return
	}
	byID := map[string]audit.Result{}
	for _, x := range now.Results {
		byID[x.ID] = x
	}
	changed := 0
	for _, then := range rep.Results {
		n, ok := byID[then.ID]
		if !ok {
			continue
		}
		if then.Status != n.Status {
			changed++
			o.Drift = append(o.Drift, fmt.Sprintf("%s: %s in the report, %s now: %s", then.ID, then.Status, n.Status, n.Message))
			continue
		}
		for _, d := range probeChanges(then.Evidence, n.Evidence) {
			o.Drift = append(o.Drift, fmt.Sprintf("%s: still %s, but %s", then.ID, n.Status, d))
		}
	}
	if changed > 0 {
		o.problem("the live configuration has drifted since the report: %d requirement(s) have another status now (listed under drift)", changed)
	}
}

// probeChanges lists the probe targets whose fetched content changed.
func probeChanges(then, now []audit.Evidence) []string {
	sums := map[string]string{}
	for _, e := range then {
		if e["kind"] == "probe" {
			sums[fmt.Sprint(e["target"])] = fmt.Sprint(e["sha256"])
		}
	}
	var out []string
	for _, e := range now {
		if e["kind"] != "probe" {
			continue
		}
		t := fmt.Sprint(e["target"])
		if old, ok := sums[t]; ok && old != fmt.Sprint(e["sha256"]) {
			out = append(out, fmt.Sprintf("%s changed (sha256 %s → %s)", t, short(old), short(fmt.Sprint(e["sha256"]))))
		}
	}
	return out
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12] + "…"
	}
	return s
}
