package org.openyjs.support.publishing;

import org.openyjs.events.cases.ChildRegistered;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A write-side service reduced to its publishing: a JDBC event store, the integration publisher and one
 * domain event of the test's own, which leaves as a {@code ChildRegistered} on the case-events topic.
 */
@SpringBootApplication
public class PublishingTestApplication {

    /** The n-th event appended for a child; n travels as the local authority so a reader can check order. */
    public record Appended(String childId, int n) {
    }

    @Bean
    IntegrationEventMapper appendedEvents() {
        return event -> event instanceof Appended appended
                ? Optional.of(new ChildRegistered(appended.childId(), "leicester-city", LocalDate.of(2010, 1, 1),
                        "FEMALE", "WHITE_BRITISH", "n" + appended.n(), null))
                : Optional.empty();
    }
}
