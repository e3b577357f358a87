package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** The admin's view of the audit trail (information governance: not the practitioner's), for the ITs. */
final class AuditTrail {

    private AuditTrail() {
    }

    /** {@code GET /audit/case-access?query} as the admin. */
    static JsonNode read(TestRestTemplate http, String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Authenticated-User", "ada.admin");
        headers.set("X-Authenticated-Roles", "ADMIN");
        return http.exchange("/audit/case-access?" + query, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class)
                .getBody();
    }
}
