# METADATA
# title: test catalogue
# custom:
#   version: test-1
#   areas:
#     - {id: a, fi: A, sv: A, en: A}
#   answers:
#     - path: member.name
#       type: text
#       required: true
#       question: {fi: Nimi, sv: Namn, en: Name}
#     - path: member.kind
#       type: enum
#       values: [education-provider, service-provider]
#       required: true
#       question: {fi: Tyyppi, sv: Typ, en: Kind}
package mpassaudit

results := [r | some r in data.mpassaudit.requirements.x.a.all]
