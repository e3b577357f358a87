package org.openyjs.gateway.access;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * Who may call what: the whole role matrix, in one place. The first matching rule wins, and
 * anything not listed is denied, so a new downstream endpoint stays shut until a rule names it.
 */
final class AccessRules {

    private static final String PRACTITIONER = "PRACTITIONER";
    private static final String PANEL_CHAIR = "PANEL_CHAIR";
    private static final String ANALYST = "ANALYST";
    private static final String ADMIN = "ADMIN";

    private AccessRules() {
    }

    static void apply(AuthorizeExchangeSpec rules) {
        rules
                .pathMatchers(HttpMethod.POST, "/auth/token").permitAll()
                .pathMatchers(HttpMethod.GET, "/oauth2/jwks").permitAll()
                .pathMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**", "/webjars/chart.js/**").permitAll() // dashboard files; data via /api
                .pathMatchers("/actuator/health/**", "/actuator/info").permitAll()
                // Open because Prometheus scrapes it on the private network; do not expose it publicly.
                .pathMatchers("/actuator/prometheus").permitAll()
                // Before the practitioner rule: importing historical case records (any method) is for an admin.
                .pathMatchers("/api/cases/imports", "/api/cases/imports/**").hasRole(ADMIN)
                .pathMatchers("/api/cases/**").hasRole(PRACTITIONER)
                .pathMatchers(HttpMethod.GET, "/api/reference/**").authenticated()
                .pathMatchers("/api/panels/**", "/api/referrals/**", "/api/decisions/**", "/api/timeliness/**",
                        "/api/overrides/**", "/api/scrutiny/**").hasRole(PANEL_CHAIR)
                // Before the GET rule below, so an analyst cannot trigger a rebuild; /** also covers a trailing slash.
                .pathMatchers("/api/kpi/rebuild/**").hasRole(ADMIN)
                // Analysts keep the comparators and RAG thresholds; only an admin replaces population estimates.
                .pathMatchers(HttpMethod.PUT, "/api/kpi/admin/comparators", "/api/kpi/admin/rag-thresholds")
                .hasAnyRole(ANALYST, ADMIN)
                .pathMatchers(HttpMethod.POST, "/api/kpi/admin/population").hasRole(ADMIN)
                .pathMatchers(HttpMethod.GET, "/api/kpi/**").hasAnyRole(ANALYST, ADMIN)
                // Who read or changed a child's record: for the admin (information governance) only.
                .pathMatchers(HttpMethod.GET, "/api/audit/**").hasRole(ADMIN)
                .anyExchange().denyAll();
    }
}
