package org.openyjs.support.axon;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axon_finds_it_and_every_message_gets_its_identifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(new GenericMessage<>("payload").getIdentifier()).version()).isEqualTo(7);
    }

    @Test
    void identifiers_are_version_7_uuids_and_none_repeats_across_threads() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 400_000).parallel().forEach(i -> {
            String id = factory.generateIdentifier();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        });
        assertThat(seen).hasSize(400_000);
        Set<String> lastDigits = new HashSet<>();
        seen.stream().limit(1000).forEach(id -> lastDigits.add(id.substring(id.length() - 1)));
        assertThat(lastDigits).as("random after the time").hasSize(16);
    }

    @Test
    void the_first_48_bits_are_the_time_in_milliseconds_so_a_later_identifier_sorts_after() throws Exception {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        long before = System.currentTimeMillis();
        String first = factory.generateIdentifier();
        long after = System.currentTimeMillis();
        assertThat(UUID.fromString(first).getMostSignificantBits() >>> 16).isBetween(before, after);

        Thread.sleep(2);
        String second = factory.generateIdentifier();
        // As text: the text form is what the event store's and kpi-service's indexes compare.
        assertThat(second).isGreaterThan(first);
    }
}
