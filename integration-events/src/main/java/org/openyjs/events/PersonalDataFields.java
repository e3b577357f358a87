package org.openyjs.events;

import java.util.Set;

/**
 * Field names that would carry personal data: who a child, a family, a victim or a worker is, how to reach them,
 * or free text that may name them (ADR 0002). No contract has a property so named, at any depth, whatever the case
 * of its letters; {@code ContractSchemasTest} checks every committed schema against this one list, and tests
 * reading messages off a topic can check the messages against it too.
 */
public final class PersonalDataFields {

    public static final Set<String> NAMES = Set.of(
            "name", "firstName", "lastName", "surname", "givenName", "familyName", "fullName",
            "address", "postcode", "phone", "telephone", "mobile", "email", "contact", "contactDetails",
            "rationale", "notes", "reason", "comment", "worker");

    private PersonalDataFields() {
    }

    /** Whether a property of this name could carry personal data (compared ignoring case). */
    public static boolean isPersonal(String propertyName) {
        return NAMES.stream().anyMatch(propertyName::equalsIgnoreCase);
    }
}
