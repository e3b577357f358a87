package org.openyjs.gateway.access;

import org.openyjs.access.AccessPolicy;
import org.openyjs.access.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/** The {@code roles} claim, read the same way as the services read it. */
public final class JwtRoles {

    public static final String CLAIM = "roles";

    private JwtRoles() {
    }

    /** {@code ROLE_PANEL_CHAIR} and so on for the platform roles the token states; unknown roles grant nothing. */
    static List<GrantedAuthority> authorities(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(CLAIM);
        return AccessPolicy.roles(claimed == null ? List.of() : claimed).stream()
                .map(Role::name)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
