package reports

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/term"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

func init() {
	register("text", func(o Options) Outputter { return Text{Lang: o.Lang, Catalog: o.Catalog} })
}

// Text is the human-readable report for a terminal, grouped by area, with
// remediation under everything that fails or warns. Statuses are coloured
// only on a terminal and never when NO_COLOR is set (no-color.org) or
// TERM is dumb; the marks and words say the same without colour.
type Text struct {
	Lang    string
	Catalog *catalog.Catalog
	// Colour decides whether to colour the statuses written to w; nil:
	// Terminal.
	Colour func(w io.Writer) bool
}

// Terminal reports whether w is a terminal that may show colour.
func Terminal(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colours are the ANSI SGR codes of the statuses.
var colours = map[string]string{
	audit.Pass: "32", audit.Fail: "1;31", audit.Warn: "33", audit.Manual: "36",
	audit.NotApplicable: "2", audit.Waived: "34", audit.Error: "1;35",
}

// paint wraps s in the status's colour when on is set.
func paint(on bool, status, s string) string {
	c, ok := colours[status]
	if !on || !ok {
		return s
	}
	return "\x1b[" + c + "m" + s + "\x1b[0m"
}

// Output implements Outputter.
func (t Text) Output(w io.Writer, reports []*audit.Report) error {
	colour := t.Colour
	if colour == nil {
		colour = Terminal
	}
	on := colour(w)
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := t.one(w, r, on); err != nil {
			return err
		}
	}
	return nil
}

func (t Text) one(w io.Writer, r *audit.Report, on bool) error {
	l := t.Lang
	fmt.Fprintf(w, "%s — %s", i18n.T(l, "MPASSid self-audit"), r.Member.Name)
	if r.Member.BusinessID != "" {
		fmt.Fprintf(w, " (%s %s)", i18n.T(l, "Business ID"), r.Member.BusinessID)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%s: %s · %s: %s · %s: %s\n", i18n.T(l, "Member type"), i18n.T(l, r.Member.Kind),
		i18n.T(l, "Environment"), i18n.T(l, r.Member.Environment), i18n.T(l, "Catalogue"), r.Catalog.Version)
	if r.Source != "" {
		fmt.Fprintf(w, "%s\n", r.Source)
	}
	for _, g := range GroupByArea(r, t.Catalog, l) {
		fmt.Fprintf(w, "\n%s\n", g.Name)
		for _, res := range g.Results {
			// Padded before painting, so that the columns stay aligned.
			fmt.Fprintf(w, "  %s %-10s %s %s\n", paint(on, res.Status, marks[res.Status]), res.ID,
				paint(on, res.Status, fmt.Sprintf("%-18s", strings.ToUpper(i18n.T(l, res.Status)))), res.Title)
			if res.Message != "" {
				fmt.Fprintf(w, "      %s\n", res.Message)
			}
			if res.Remediation != "" && res.Status != audit.Waived {
				fmt.Fprintf(w, "      → %s\n", res.Remediation)
			}
			if c := ToCheck(t.Catalog, res, l); c != "" {
				fmt.Fprintf(w, "      → %s\n", c)
			}
		}
	}
	writeProbeErrors(w, l, r.ProbeErrors)
	fmt.Fprintf(w, "\n%s: %s\n", i18n.T(l, "Summary"), CountLine(l, r.Summary))
	fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Verdict"), paint(on, r.Verdict, VerdictLine(l, r)))
	return nil
}

// AreaGroup is the results of one area, for reports grouped by area.
type AreaGroup struct {
	ID      string
	Name    string
	Results []audit.Result
}

// GroupByArea groups a report's results by area in the catalogue's order,
// with the areas' names in lang.
func GroupByArea(r *audit.Report, cat *catalog.Catalog, lang string) []AreaGroup {
	idx := map[string]int{}
	var groups []AreaGroup
	order := map[string]int{}
	for _, res := range r.Results {
		i, ok := idx[res.Area]
		if !ok {
			name, ord := res.Area, len(idx)
			if cat != nil {
				a := cat.Area(res.Area)
				name, ord = a.Name(lang), a.Order
			}
			i = len(groups)
			idx[res.Area] = i
			order[res.Area] = ord
			groups = append(groups, AreaGroup{ID: res.Area, Name: name})
		}
		groups[i].Results = append(groups[i].Results, res)
	}
	sort.SliceStable(groups, func(i, j int) bool { return order[groups[i].ID] < order[groups[j].ID] })
	return groups
}

// ToCheck is what a reviewer checks for a result that needs manual review:
// the requirement's remediation, which says what must hold, under a label
// that says it is to be checked rather than fixed. "Not probed: needs
// manual review" alone leaves the reviewer guessing what to look at. It is
// empty for every other status and when the catalogue has no remediation.
func ToCheck(cat *catalog.Catalog, res audit.Result, lang string) string {
	if res.Status != audit.Manual || res.Remediation != "" || cat == nil {
		return ""
	}
	req := cat.Requirement(res.ID)
	if req == nil || req.Remediation.In(lang) == "" {
		return ""
	}
	return i18n.T(lang, "To check") + ": " + req.Remediation.In(lang)
}
