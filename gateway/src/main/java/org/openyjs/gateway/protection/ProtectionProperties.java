package org.openyjs.gateway.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * Limits the gateway puts on every caller ({@code yjs.gateway.*}).
 *
 * @param requestsPerSecond sustained requests per user (per client address before sign-in)
 * @param burst             requests a user may make at once before the sustained rate applies
 * @param maxRequestSize    largest request body
 * @param maxLargeRequestSize largest body for {@code largeRequestPaths} (the historical-records import)
 * @param maxSmallRequestSize largest body for {@code smallRequestPaths} (the sign-in form)
 */
@ConfigurationProperties("yjs.gateway")
public record ProtectionProperties(
        @DefaultValue("50") double requestsPerSecond,
        @DefaultValue("100") int burst,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("256MB") DataSize maxLargeRequestSize,
        @DefaultValue("/api/cases/imports") List<String> largeRequestPaths,
        @DefaultValue("16KB") DataSize maxSmallRequestSize,
        @DefaultValue("/auth/token") List<String> smallRequestPaths) {
}
