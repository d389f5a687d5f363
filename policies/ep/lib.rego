# METADATA
# title: Shared helpers of the education-provider catalogue
# description: |
#   What more than one education-provider area uses: the registry type
#   names, unanswered paths, joined reasons and host-name syntax. Requirement
#   packages import this package, never each other.
package mpassaudit.lib.ep

import data.mpassaudit.lib

# type_names: each registry type by its name in fi, sv and en.
type_names := {
	"wilma": {"fi": "Wilma", "sv": "Wilma", "en": "Wilma"},
	"opinsys": {"fi": "Opinsys", "sv": "Opinsys", "en": "Opinsys"},
	"entra": {"fi": "Microsoft Entra ID", "sv": "Microsoft Entra ID", "en": "Microsoft Entra ID"},
	"adfs": {"fi": "AD FS", "sv": "AD FS", "en": "AD FS"},
	"google": {"fi": "Google Workspace", "sv": "Google Workspace", "en": "Google Workspace"},
	"other": {"fi": "muu", "sv": "annan", "en": "other"},
}

# missing lists the paths among paths that were not answered.
missing(paths) := [p | some p in paths; not lib.answered(p)]

# reasons joins failure reasons {fi, sv, en} into one message per language.
reasons(rs) := {lang: concat(" ", [r[lang] | some r in rs]) | some lang in ["fi", "sv", "en"]}

# hostname_valid: a fully qualified DNS name such as kunta.opinsys.fi.
hostname_valid(s) if regex.match(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`, lower(trim_space(s)))
