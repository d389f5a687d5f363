package summary

import (
	"fmt"
	"time"

	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// format writes numbers and dates as readers of one language expect.
type format struct {
	lang string
	p    *message.Printer
}

func newFormat(lang string) format { return format{lang: lang, p: i18n.Printer(lang)} }

func (f format) t(key string, args ...any) string { return i18n.T(f.lang, key, args...) }

// pct is a pass rate: "85,3 %" in Finnish and Swedish, "85.3%" in English.
func (f format) pct(x float64) string {
	return f.p.Sprint(number.Percent(x, number.MaxFractionDigits(1)))
}

// n is a count with the language's digit grouping.
func (f format) n(x int) string { return f.p.Sprint(number.Decimal(x)) }

// date is 27.11.2026 in Finnish and Swedish (as written in Finland), 27 Nov
// 2026 in English.
func (f format) date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	switch f.lang {
	case "fi", "sv":
		return fmt.Sprintf("%d.%d.%d", t.Day(), int(t.Month()), t.Year())
	}
	return t.Format("2 Jan 2006")
}

// verdict is the member's verdict (VAATIMUKSET TÄYTTYVÄT / KRAVEN UPPFYLLS / REQUIREMENTS MET) or its failing counterpart.
func (f format) verdict(v string) string {
	if v == "pass" {
		return f.t("PASS")
	}
	return f.t("FAIL")
}

// state is a heat-map cell's word.
func (f format) state(s State) string {
	switch s {
	case AllPass:
		return f.t("pass")
	case Warnings:
		return f.t("warn")
	case Fails:
		return f.t("fail")
	case ManualOnly:
		return f.t("manual")
	case Undecided:
		return f.t("undecided")
	case Unchecked:
		return f.t("could not be checked")
	}
	return f.t("not_applicable")
}
