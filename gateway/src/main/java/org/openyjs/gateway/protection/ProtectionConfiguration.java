package org.openyjs.gateway.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Rate limiting and request size limits in front of every route. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProtectionProperties.class)
class ProtectionConfiguration {

    @Bean
    RateLimitFilter rateLimitFilter(ProtectionProperties properties, ObjectMapper json) {
        return new RateLimitFilter(properties, Clock.systemUTC(), new ProblemWriter(json));
    }

    @Bean
    BodyLimitExceptionHandler bodyLimitExceptionHandler(ObjectMapper json) {
        return new BodyLimitExceptionHandler(new ProblemWriter(json));
    }

    @Bean
    RequestSizeFilter requestSizeFilter(ProtectionProperties properties, ObjectMapper json) {
        return new RequestSizeFilter(properties, new ProblemWriter(json));
    }
}
