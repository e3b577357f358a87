package org.openyjs.support.security;

import org.openyjs.access.AccessPolicy;
import org.openyjs.access.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;

/** The {@code roles} claim: the one claim the platform reads besides {@code sub}. */
public final class JwtRoles {

    public static final String CLAIM = "roles";

    private JwtRoles() {
    }

    /** {@code ROLE_PANEL_CHAIR} and so on for the platform roles the token states; unknown roles grant nothing. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(CLAIM);
        return AccessPolicy.roles(claimed == null ? List.of() : claimed).stream()
                .map(Role::name)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
