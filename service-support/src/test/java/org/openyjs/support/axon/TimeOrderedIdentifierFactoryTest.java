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

class RandomIdentifierFactoryTest {

    @Test
    void axon_finds_it_and_every_message_gets_its_identifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(RandomIdentifierFactory.class);
        assertThat(UUID.fromString(new GenericMessage<>("payload").getIdentifier()).version()).isEqualTo(4);
    }

    @Test
    void identifiers_are_version_4_uuids_and_none_repeats_across_threads() {
        RandomIdentifierFactory factory = new RandomIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 400_000).parallel().forEach(i -> {
            String id = factory.generateIdentifier();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        });
        assertThat(seen).hasSize(400_000);
        Set<Character> firstDigits = new HashSet<>();
        seen.stream().limit(1000).forEach(id -> firstDigits.add(id.charAt(0)));
        assertThat(firstDigits).as("random, not a counter").hasSize(16);
    }
}
