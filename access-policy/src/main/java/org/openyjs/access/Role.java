package org.openyjs.access;

import java.util.Locale;
import java.util.Optional;

/** The platform's roles. Tokens carry them in their {@code roles} claim, e.g. {@code PANEL_CHAIR}. */
public enum Role {
    PRACTITIONER,
    VICTIM_OFFICER,
    PANEL_CHAIR,
    ANALYST,
    QA_LEAD,
    ADMIN;

    /**
     * A role as a token may state it: {@code panel-chair}, {@code PANEL_CHAIR} or {@code ROLE_PANEL_CHAIR};
     * empty for a role the platform does not know, which then grants nothing.
     */
    public static Optional<Role> parse(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        String name = claim.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.startsWith("ROLE_")) {
            name = name.substring(5);
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
