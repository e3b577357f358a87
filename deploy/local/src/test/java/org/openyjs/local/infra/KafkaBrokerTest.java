package org.openyjs.local.infra;

import org.junit.jupiter.api.Test;
import org.openyjs.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void the_broker_creates_exactly_the_integration_topics_the_contracts_name() {
        assertThat(KafkaBroker.INTEGRATION_TOPICS).containsExactly(Topics.CASE_EVENTS, Topics.PANEL_EVENTS);
    }
}
