package org.openyjs.gateway.auth;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * {@code POST /auth/token}: scripts post a user name and password to the gateway, which asks the
 * authorization server's token endpoint for that user's token (client credentials, ADR 0009).
 *
 * @param enabled  off in production, where people sign in with the OIDC provider's own flows
 * @param tokenUri the authorization server's token endpoint
 * @param timeout  how long to wait for it
 */
@Validated
@ConfigurationProperties("yjs.auth.token-relay")
public record TokenRelayProperties(@DefaultValue("true") boolean enabled,
                                   @NotNull URI tokenUri,
                                   @NotNull @DefaultValue("5s") Duration timeout) {
}
