package registry

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator orders names as people of lang expect: in Finnish and Swedish
// Å, Ä and Ö come after Z, not with A and O as in English.
func Collator(lang string) *collate.Collator {
	tag := language.English
	switch lang {
	case "fi":
		tag = language.Finnish
	case "sv":
		tag = language.Swedish
	}
	return collate.New(tag, collate.IgnoreCase)
}

// SortByName sorts members by name in lang's collation, then business ID.
func SortByName(rows []MemberRow, lang string) {
	c := Collator(lang)
	slices.SortStableFunc(rows, func(a, b MemberRow) int {
		if r := c.CompareString(a.Name, b.Name); r != 0 {
			return r
		}
		return compare(a.BusinessID, b.BusinessID)
	})
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
