package org.openyjs.gateway.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** Rate limiting and request size limits in front of every route; connections closed in stages. */
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

    /**
     * Every connection the gateway closes is closed in stages, so its last answer reaches the client; a kept-alive
     * one left without a read between requests is read again within a second.
     */
    @Bean
    NettyServerCustomizer connectionHandling() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(LingeringClose.NAME, new LingeringClose(Duration.ofSeconds(5)))
                .addFirst(ResumeIdleReads.NAME, new ResumeIdleReads(Duration.ofSeconds(1))));
    }

    @Bean
    RequestSizeFilter requestSizeFilter(ProtectionProperties properties, ObjectMapper json) {
        return new RequestSizeFilter(properties, new ProblemWriter(json));
    }
}
