package org.openyjs.panel.web;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * {@code @PastOrPresent} on a request's dates (a completion recorded "today") judges them by the English
 * date, the service's {@link Clock}, not the server's time zone: just after midnight in summer the
 * server's UTC date is still yesterday's.
 */
@Configuration
public class EnglishValidationClock {

    @Bean
    public ValidationConfigurationCustomizer validationClockProvider(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }
}
