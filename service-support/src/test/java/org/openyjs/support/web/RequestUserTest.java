package org.openyjs.support.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openyjs.support.security.JwtRoles;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestUserTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theUserAndRolesAreTheValidatedTokens() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("sam")
                .claim("roles", List.of("victim-officer", "ROLE_QA_LEAD", "janitor"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, JwtRoles.authorities(jwt)));

        assertThat(RequestUser.name()).contains("sam");
        assertThat(RequestUser.roles()).isEqualTo(Set.of("VICTIM_OFFICER", "QA_LEAD"));
        assertThat(RequestUser.hasRole("VICTIM_OFFICER")).isTrue();
        assertThat(RequestUser.hasRole("ADMIN")).isFalse();
    }

    @Test
    void identityHeadersAreNeverBelieved() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("X-Authenticated-User", "mallory");
        request.addHeader("X-Authenticated-Roles", "ADMIN");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(RequestUser.name()).isEmpty();
        assertThat(RequestUser.roles()).isEmpty();
    }
}
