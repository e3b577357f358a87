package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/** Every servlet service answers bad input with the same problem body. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemDetailsAdvice.class)
public class WebSupportAutoConfiguration {

    /** Write-side services switch it on ({@code yjs.idempotency.enabled}); their schema has the key table. */
    @Bean
    @ConditionalOnProperty("yjs.idempotency.enabled")
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, json));
        registration.addUrlPatterns("/*");
        return registration;
    }
}
