package samlmd

import "fmt"

func sprint(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return "[]"
		}
	case []int:
		if len(x) == 0 {
			return "[]"
		}
	}
	return fmt.Sprint(v)
}
