package mpassaudit.lib.fi_test

import data.mpassaudit.lib.fi

# Business IDs: real published ones and mutations of them.
test_business_id_good if {
	fi.business_id_valid("0245437-2") # Opetushallitus
	fi.business_id_valid("1572860-0")
	fi.business_id_valid("0201256-6") # Helsingin kaupunki
	fi.business_id_valid("0737546-2")
}

test_business_id_bad if {
	not fi.business_id_valid("0245437-3") # wrong check digit
	not fi.business_id_valid("245437-2") # too short
	not fi.business_id_valid("02454372") # no hyphen
	not fi.business_id_valid("0245437-X")
	not fi.business_id_valid(2454372)
}

test_business_id_remainder_one_never_valid if {
	# 0000010: sum = 4*1 = 4 -> fine; 1000000: 7 -> check 4. Find r = 1: 0000100 -> 8*1 = 8; 0010000: 10 -> r=10 -> check 1
	# 0000001 -> 2, 0000011 -> 6, 0000101 -> 10, 0001001 -> 7, 0100000 -> 9, 1100000 -> 16 % 11 = 5,
	# 0000111 -> 14 % 11 = 3, 1000100 -> 15 % 11 = 4, 0110000 -> 19 % 11 = 8, 1010000 -> 17 % 11 = 6,
	# 1001000 -> 12 % 11 = 1: no check digit exists.
	every c in numbers.range(0, 9) {
		not fi.business_id_valid(sprintf("1001000-%d", [c]))
	}
}

test_learner_number_good if {
	fi.learner_number_valid(sprintf("1.2.246.562.24.%s%d", ["1234567890", fi.ibm731_check("1234567890")]))
	fi.learner_number_valid("1.2.246.562.24.00000000013")
}

test_ibm731_check_known if {
	# 0000000000 -> 0; 0000000001 -> weight 7 -> 7 -> check 3
	fi.ibm731_check("0000000000") == 0
	fi.ibm731_check("0000000001") == 3
	fi.ibm731_check("0000000010") == 7 # weight 3 -> 3 -> 7
	fi.ibm731_check("0000000100") == 9 # weight 1 -> 1 -> 9
}

test_learner_number_bad if {
	not fi.learner_number_valid("1.2.246.562.24.00000000011") # wrong check digit
	not fi.learner_number_valid("1.2.246.562.24.0000000000") # too short
	not fi.learner_number_valid("1.2.246.562.98.00000000001") # test node
	not fi.learner_number_valid("1.2.246.562.24.0000000000a")
}

test_test_learner_number if {
	fi.is_test_learner_number("1.2.246.562.98.12345678901")
	not fi.is_test_learner_number("1.2.246.562.24.12345678901")
	not fi.is_test_learner_number("1.2.246.562.98.123")
}

test_org_oid if {
	fi.org_oid_valid("1.2.246.562.10.00000000001") # root, exempt
	fi.org_oid_valid("1.2.246.562.10.79499343246") # Luhn-valid
	not fi.org_oid_valid("1.2.246.562.10.79499343247")
	not fi.org_oid_valid("1.2.246.562.24.79499343246")
	fi.org_oid_wellformed("1.2.246.562.10.79499343247")
}

test_luhn if {
	fi.luhn_valid("79927398713")
	not fi.luhn_valid("79927398710")
}

test_school_code if {
	fi.school_code_valid("03760")
	not fi.school_code_valid("3760")
	not fi.school_code_valid("037600")
	not fi.school_code_valid(3760)
}

test_roles if {
	fi.role_codes.oppilas == 1
	fi.role_codes.opettaja == 2
	fi.role_codes["hallintohenkilö"] == 3
	fi.role_codes.koulusihteeri == 4
	fi.role_codes.sijaisopettaja == 5
	fi.role_codes.rehtori == 6
	fi.role_valid("Opettaja")
	not fi.role_valid("huoltaja")
	fi.role_code_valid("6")
	not fi.role_code_valid(7)
}

test_class_level if {
	fi.class_level_valid(0)
	fi.class_level_valid("10")
	not fi.class_level_valid(11)
	not fi.class_level_valid("7a")
	not fi.class_level_valid(-1)
}

test_materials_charge if {
	fi.materials_charge_valid("0")
	fi.materials_charge_valid(1)
	not fi.materials_charge_valid("2")
}

test_business_id_check if {
	fi.business_id_check("0245437") == 2
	fi.business_id_check("0201256") == 6
	not fi.business_id_check("1001000") # remainder 1: never issued
	not fi.business_id_check("024543")
}

# Test learner numbers: 10 or 11 digits after the prefix, no check digit.
test_test_learner_number_lengths if {
	fi.is_test_learner_number("1.2.246.562.98.1234567890")
	fi.is_test_learner_number("1.2.246.562.98.12345678909")
	not fi.is_test_learner_number("1.2.246.562.98.123456789")
	not fi.is_test_learner_number("1.2.246.562.98.123456789012")
	not fi.is_test_learner_number("1.2.246.562.98.123456789a")
}

# Exactly the names of REQUIREMENTS.md; other names of the same roles are
# not in it but are named as the closest allowed name.
test_role_vocabulary_exact if {
	count(fi.role_codes) == 12
	every name in ["teacher", "staff", "principal", "rektor", "skolsekreterare", "lärarvikarie"] {
		not fi.role_valid(name)
	}
	fi.role_closest("Teacher") == "opettaja"
	fi.role_closest("rektor") == "rehtori"
	fi.role_closest("oppilaat") == "oppilas"
	not fi.role_closest("vahtimestari")
	not fi.role_closest("op")
}
