package org.openyjs.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * Request body limits ({@code yjs.web.*}).
 *
 * @param maxRequestSize      any request body
 * @param maxLargeRequestSize bodies sent to {@code largeRequestPaths} (the historical-records import)
 */
@ConfigurationProperties("yjs.web")
public record WebLimits(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("256MB") DataSize maxLargeRequestSize,
        @DefaultValue List<String> largeRequestPaths) {
}
