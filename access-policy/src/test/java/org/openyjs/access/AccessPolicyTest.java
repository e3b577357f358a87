package org.openyjs.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {

    private final AccessPolicy service = AccessPolicy.service();
    private final AccessPolicy gateway = AccessPolicy.gateway();

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource({
            "POST, /cases,                                        PRACTITIONER,   true",
            "POST, /cases,                                        ANALYST,        false",
            "POST, /cases/imports,                                PRACTITIONER,   false",
            "POST, /cases/imports,                                ADMIN,          true",
            "GET,  /cases/imports/job-1,                          ADMIN,          true",
            "GET,  /cases/c1/victims,                             PRACTITIONER,   false",
            "GET,  /cases/c1/victims/v1,                          VICTIM_OFFICER, true",
            "POST, /cases/c1/offences/o1/victim-contacts,         VICTIM_OFFICER, true",
            "GET,  /cases/c1,                                     VICTIM_OFFICER, false",
            "POST, /cases/c1/assessments/a1/quality-assurance,    QA_LEAD,        true",
            "POST, /cases/c1/assessments,                         QA_LEAD,        false",
            "GET,  /reference/outcomes,                           ANALYST,        true",
            "POST, /reference/outcomes,                           ADMIN,          false",
            "GET,  /audit/case-access,                            ADMIN,          true",
            "GET,  /audit/case-access,                            PRACTITIONER,   false",
            "POST, /panels,                                       PANEL_CHAIR,    true",
            "GET,  /scrutiny/samples,                             QA_LEAD,        true",
            "POST, /scrutiny/samples/d1/finding,                  QA_LEAD,        true",
            "POST, /panels,                                       QA_LEAD,        false",
            "POST, /panels/admin/read-model/rebuild,              PANEL_CHAIR,    false",
            "GET,  /panels/admin/read-model/rebuild,              PANEL_CHAIR,    false",
            "POST, /panels/admin/read-model/rebuild,              ADMIN,          true",
            "GET,  /panels/admin/read-model/rebuild,              ADMIN,          true",
            "POST, /kpi/rebuild,                                  ANALYST,        false",
            "GET,  /kpi/rebuild,                                  ANALYST,        false",
            "POST, /kpi/rebuild,                                  ADMIN,          true",
            "PUT,  /kpi/admin/comparators,                        ANALYST,        true",
            "POST, /kpi/admin/population,                         ANALYST,        false",
            "GET,  /kpi/first-time-entrants,                      ANALYST,        true",
            "GET,  /kpi/first-time-entrants,                      PRACTITIONER,   false",
            "DELETE, /kpi/first-time-entrants,                    ADMIN,          false",
            "GET,  /nothing/here,                                 ADMIN,          false",
    })
    void theMatrix(String method, String path, Role role, boolean allowed) {
        assertThat(service.allows(method, path, true, List.of(role.name()))).isEqualTo(allowed);
        assertThat(gateway.allows(method, "/api" + path, true, List.of(role.name()))).isEqualTo(allowed);
    }

    @Test
    void withoutATokenOnlyTheOperationalPathsAreOpen() {
        assertThat(service.allows("GET", "/actuator/health/readiness", false, List.of())).isTrue();
        assertThat(service.allows("GET", "/v3/api-docs", false, List.of())).isTrue();
        assertThat(service.allows("GET", "/actuator/env", false, List.of())).isFalse();
        assertThat(service.allows("GET", "/reference/outcomes", false, List.of())).isFalse();
        assertThat(gateway.allows("POST", "/auth/token", false, List.of())).isTrue();
        assertThat(gateway.allows("GET", "/dashboard/index.html", false, List.of())).isTrue();
        // The gateway does not route the services' API documents, so it does not open them either.
        assertThat(gateway.allows("GET", "/v3/api-docs", false, List.of())).isFalse();
    }

    @Test
    void rolesAreReadInAnyOfTheFormsTokensUse() {
        assertThat(AccessPolicy.roles(List.of("panel-chair", "ROLE_ANALYST", "qa_lead", "janitor")))
                .isEqualTo(Set.of(Role.PANEL_CHAIR, Role.ANALYST, Role.QA_LEAD));
    }

    @ParameterizedTest
    @CsvSource({
            "/cases/**,   /cases,          true",
            "/cases/**,   /cases/c1/x,     true",
            "/cases/**,   /casesx,         false",
            "/cases/*/victims, /cases/c1/victims, true",
            "/cases/*/victims, /cases//victims,   false",
            "/cases/*/victims, /cases/c1/victims/, false",
            "/kpi/rebuild/**,  /kpi/rebuild/,  true",
            "/kpi,        /kpi/,           false",
    })
    void patterns(String pattern, String path, boolean matches) {
        assertThat(PathPatterns.matches(pattern, path)).isEqualTo(matches);
    }

    @Test
    void aDoubleWildcardOnlyEndsAPattern() {
        assertThatThrownBy(() -> PathPatterns.check("/a/**/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
