package org.openyjs.gateway.access;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Locale;

/** The {@code roles} claim, shared by the local issuer and every token check. */
public final class JwtRoles {

    public static final String CLAIM = "roles";

    private JwtRoles() {
    }

    /** The roles as the token states them, e.g. {@code panel-chair}; none when the claim is absent. */
    public static List<String> of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(CLAIM);
        return roles == null ? List.of() : roles;
    }

    /** {@code panel-chair} becomes {@code ROLE_PANEL_CHAIR}, the form {@code hasRole("PANEL_CHAIR")} checks. */
    static GrantedAuthority authority(String role) {
        return new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
