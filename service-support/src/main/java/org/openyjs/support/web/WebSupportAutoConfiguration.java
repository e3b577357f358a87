package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;

/** Every servlet service answers bad input with the same problem body. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
@EnableConfigurationProperties(WebLimits.class)
public class WebSupportAutoConfiguration {

    /** First, so every log line of the request, including the security filters', has the id. */
    @Bean
    public FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<NulCharacterFilter> nulCharacterFilter(ObjectMapper json) {
        FilterRegistrationBean<NulCharacterFilter> registration = new FilterRegistrationBean<>(new NulCharacterFilter(json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebLimits limits, ObjectMapper json) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(limits.maxRequestSize(), limits.maxLargeRequestSize(),
                        limits.largeRequestPaths(), json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Write-side services switch it on ({@code yjs.idempotency.enabled}); their schema has the key table. */
    @Bean
    @ConditionalOnProperty("yjs.idempotency.enabled")
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, ObjectMapper json,
            @Value("${yjs.idempotency.in-progress-timeout:PT2M}") Duration staleAfter) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, json, staleAfter));
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnProperty("yjs.idempotency.enabled")
    public IdempotencyKeyExpiry idempotencyKeyExpiry(JdbcClient jdbc,
            @Value("${yjs.idempotency.retention:P7D}") Duration retention,
            @Value("${yjs.idempotency.expiry-interval:PT1H}") Duration interval) {
        return new IdempotencyKeyExpiry(jdbc, retention, interval, Clock.systemUTC());
    }
}
