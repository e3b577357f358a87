package org.openyjs.kpi.consuming;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.cases.OutcomeRecorded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.kpi.consuming.Decoded.Kind.MALFORMED;
import static org.openyjs.kpi.consuming.Decoded.Kind.UNKNOWN_CONTRACT;

class IntegrationEventDecoderTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final IntegrationEventDecoder decoder = new IntegrationEventDecoder();

    private byte[] outcome(String code, LocalDate date) {
        return codec.write(codec.wrap("e-1", "leicester-city", Instant.parse("2024-01-02T10:00:00Z"), "worker",
                new OutcomeRecorded("child-1", "offence-1", code, date, null)));
    }

    @Test
    void acceptsAKnownCompleteEvent() {
        Decoded decoded = decoder.decode(outcome("YOUTH_CAUTION", LocalDate.of(2023, 6, 1)));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Accepted.class, accepted -> {
            assertThat(accepted.event().eventId()).isEqualTo("e-1");
            assertThat(accepted.payload()).isEqualTo(
                    new OutcomeRecorded("child-1", "offence-1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null));
        });
    }

    @Test
    void bytesThatAreNotAnEnvelopeAreMalformed() {
        assertThat(decoder.decode("not json {".getBytes(StandardCharsets.UTF_8)))
                .satisfies(rejected(MALFORMED, null));
        assertThat(decoder.decode("{\"eventType\":\"OutcomeRecorded\"}".getBytes(StandardCharsets.UTF_8)))
                .as("an envelope without its event id").satisfies(rejected(MALFORMED, null));
    }

    @Test
    void anEmptyRecordIsMalformed() {
        assertThat(decoder.decode(null)).isEqualTo(new Decoded.Rejected(MALFORMED, null, "empty record"));
        assertThat(decoder.decode(new byte[0])).isEqualTo(new Decoded.Rejected(MALFORMED, null, "empty record"));
    }

    @Test
    void aPayloadThatBreaksItsContractIsMalformed() {
        IntegrationEvent event = new IntegrationEvent("e-2", "OutcomeRecorded", 1, "leicester-city", "child-1",
                Instant.now(), "worker", JsonNodeFactory.instance.objectNode().put("outcomeDate", "last tuesday"));

        assertThat(decoder.decode(codec.write(event))).satisfies(rejected(MALFORMED, "e-2"));
    }

    @Test
    void aPayloadWithoutWhatTheReadModelNeedsIsMalformed() {
        Decoded decoded = decoder.decode(outcome("YOUTH_CAUTION", null));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.kind()).isEqualTo(MALFORMED);
            assertThat(rejected.reason()).contains("outcomeDate");
        });
    }

    @Test
    void aNewerContractVersionIsUnknownNotMalformed() {
        IntegrationEvent event = new IntegrationEvent("e-3", "OutcomeRecorded", 2, "leicester-city", "child-1",
                Instant.now(), "worker", JsonNodeFactory.instance.objectNode().put("anything", "new"));

        Decoded decoded = decoder.decode(codec.write(event));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.kind()).isEqualTo(UNKNOWN_CONTRACT);
            assertThat(rejected.eventId()).isEqualTo("e-3");
            assertThat(rejected.reason()).contains("OutcomeRecorded v2");
        });
    }

    /** Checks kind and event id; the reason text is the codec's. */
    private static ThrowingConsumer<Decoded> rejected(Decoded.Kind kind, String eventId) {
        return decoded -> assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.kind()).isEqualTo(kind);
            assertThat(rejected.eventId()).isEqualTo(eventId);
            assertThat(rejected.reason()).isNotBlank();
        });
    }
}
