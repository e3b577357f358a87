package org.openyjs.access;

import org.openyjs.access.AccessRule.Who;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.openyjs.access.Role.ADMIN;
import static org.openyjs.access.Role.ANALYST;
import static org.openyjs.access.Role.PANEL_CHAIR;
import static org.openyjs.access.Role.PRACTITIONER;
import static org.openyjs.access.Role.QA_LEAD;
import static org.openyjs.access.Role.VICTIM_OFFICER;

/**
 * Who may call what: the whole role matrix, in one place. The services apply {@link #service()} to their
 * own paths, the gateway applies {@link #gateway()}: the same API rules under {@code /api}, plus its own
 * public files. The first matching rule wins and anything no rule names is denied, so a new endpoint
 * stays shut until a line here names it (and each service's endpoint test fails until it does).
 *
 * <p>To extend: add a line to {@link #API} above any broader rule for the same paths.
 */
public final class AccessPolicy {

    public static final String GATEWAY_PREFIX = "/api";

    /** The API, as each service sees its own paths. Order matters: narrower rules first. */
    static final List<AccessRule> API = List.of(
            // case-service. Importing historical records (any method) is for an admin, before the practitioner rule.
            any("/cases/imports", "/cases/imports/**").roles(ADMIN),
            // Victim details: the victim officer only, not the child's practitioner.
            any("/cases/*/victims", "/cases/*/victims/**").roles(VICTIM_OFFICER),
            on("POST").paths("/cases/*/offences/*/victim-contacts").roles(PRACTITIONER, VICTIM_OFFICER),
            on("POST").paths("/cases/*/assessments/*/quality-assurance").roles(PRACTITIONER, QA_LEAD),
            // Destroying a child's personal data (erasure) is the data protection officer's act: admin only.
            on("POST").paths("/cases/*/erasure").roles(ADMIN),
            // Case audits are the QA lead's work; a practitioner may record a peer audit.
            on("POST").paths("/cases/*/audits").roles(PRACTITIONER, QA_LEAD),
            // An admin (or the allocated worker, checked by case-service) restricts or opens a record.
            any("/cases/*/restriction", "/cases/*/restriction/**").roles(PRACTITIONER, ADMIN),
            any("/cases", "/cases/**").roles(PRACTITIONER),
            on("GET").paths("/reference/**").signedIn(),
            // Who read or changed a child's record: information governance, so the admin only.
            on("GET").paths("/audit/**").roles(ADMIN),

            // panel-service. Rebuilding the chair's read models is operations work: admin only, before the chair's rule.
            any("/panels/admin/read-model/rebuild").roles(ADMIN),
            // A QA lead reviews the scrutiny sample beside the chair.
            on("GET").paths("/scrutiny/**").roles(PANEL_CHAIR, QA_LEAD),
            on("POST").paths("/scrutiny/samples/*/finding").roles(PANEL_CHAIR, QA_LEAD),
            any("/panels", "/panels/**", "/referrals", "/referrals/**", "/decisions", "/decisions/**",
                    "/timeliness", "/timeliness/**", "/overrides", "/overrides/**").roles(PANEL_CHAIR),

            // kpi-service. Before the GET rule, so an analyst cannot trigger or watch a rebuild.
            any("/kpi/rebuild", "/kpi/rebuild/**").roles(ADMIN),
            // Analysts keep the comparators and RAG thresholds; only an admin replaces population estimates.
            on("PUT").paths("/kpi/admin/comparators", "/kpi/admin/rag-thresholds").roles(ANALYST, ADMIN),
            on("POST").paths("/kpi/admin/population").roles(ADMIN),
            // Board attendance (KPI 8) is recorded by the analyst who services the board.
            on("POST").paths("/kpi/admin/board-meetings").roles(ANALYST, ADMIN),
            // The council's looked-after count and practitioner FTE: reference figures, like population.
            on("PUT").paths("/kpi/admin/reference-figures").roles(ADMIN),
            on("GET").paths("/kpi", "/kpi/**").roles(ANALYST, ADMIN));

    /** What every service opens without a token: probes, Prometheus (private network only) and the API document. */
    static final List<AccessRule> SERVICE_OPERATIONS = List.of(
            on("GET").paths("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .anyone(),
            on("GET").paths("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").anyone());

    /** The gateway's own public paths: the token relay, probes and the dashboard's static files (data goes via /api). */
    static final List<AccessRule> GATEWAY_OWN = List.of(
            on("POST").paths("/auth/token").anyone(),
            on("GET").paths("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                    .anyone(),
            on("GET").paths("/dashboard", "/dashboard/**", "/webjars/chart.js/**").anyone());

    private static final AccessPolicy SERVICE = new AccessPolicy(concat(SERVICE_OPERATIONS, API));
    private static final AccessPolicy GATEWAY = new AccessPolicy(
            concat(GATEWAY_OWN, API.stream().map(rule -> rule.prefixed(GATEWAY_PREFIX)).toList()));

    private final List<AccessRule> rules;

    AccessPolicy(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The matrix a service applies to its own paths. */
    public static AccessPolicy service() {
        return SERVICE;
    }

    /** The matrix the gateway applies to its public paths. */
    public static AccessPolicy gateway() {
        return GATEWAY;
    }

    public List<AccessRule> rules() {
        return rules;
    }

    /** The first rule that matches, or the deny-all rule when none does. */
    public AccessRule ruleFor(String method, String path) {
        for (AccessRule rule : rules) {
            if (rule.matches(method, path)) {
                return rule;
            }
        }
        return AccessRule.DENY;
    }

    /** Whether a caller may make this request; {@code claimedRoles} as the token states them. */
    public boolean allows(String method, String path, boolean signedIn, Collection<String> claimedRoles) {
        return ruleFor(method, path).allows(signedIn, roles(claimedRoles));
    }

    /** The platform roles among a token's claimed roles; unknown ones are dropped. */
    public static Set<Role> roles(Collection<String> claimedRoles) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        claimedRoles.forEach(claim -> Role.parse(claim).ifPresent(roles::add));
        return roles;
    }

    private static List<AccessRule> concat(List<AccessRule> first, List<AccessRule> second) {
        List<AccessRule> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static Builder any(String... patterns) {
        return new Builder(Set.of()).paths(patterns);
    }

    private static Builder on(String... methods) {
        return new Builder(AccessRule.methods(methods));
    }

    private static final class Builder {
        private final Set<String> methods;
        private List<String> patterns = List.of();

        private Builder(Set<String> methods) {
            this.methods = methods;
        }

        Builder paths(String... patterns) {
            this.patterns = List.of(patterns);
            return this;
        }

        AccessRule roles(Role... roles) {
            return new AccessRule(methods, patterns, Who.ROLES, Set.of(roles));
        }

        AccessRule signedIn() {
            return new AccessRule(methods, patterns, Who.SIGNED_IN, Set.of());
        }

        AccessRule anyone() {
            return new AccessRule(methods, patterns, Who.ANYONE, Set.of());
        }
    }
}
