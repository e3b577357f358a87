package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns the payload of an older contract version into the next version's shape, one step at a time,
 * so a consumer only ever handles the current record while old messages stay on the topics untouched.
 * A new version of a contract adds its step here, with a test reading the old version in
 * {@code IntegrationEventCodecTest}; {@code ContractSchemasTest} checks every older schema file upcasts to the current.
 */
public final class Upcasters {

    /** One step: contract name and the version it starts from. */
    record Step(String eventType, int fromVersion) {
    }

    private static final Map<Step, UnaryOperator<ObjectNode>> STEPS = Map.of(
            // v2 carries the day the case opened; a v1 case opened the day it was recorded (the envelope's time).
            new Step("ChildRegistered", 1), payload -> {
                payload.putNull("openedOn");
                return payload;
            },
            // v2 asked three more questions of the victim contact officer; v1 never asked them.
            new Step("VictimContactRecorded", 1), payload -> {
                payload.putNull("keptInformed");
                payload.putNull("restorativeJusticeParticipated");
                payload.putNull("supportReferralMade");
                return payload;
            });

    private Upcasters() {
    }

    /**
     * The payload raised to {@code targetVersion}, or empty when some step on the way is missing
     * (the caller then treats the message as a contract it does not know).
     */
    public static Optional<JsonNode> upcast(String eventType, int fromVersion, int targetVersion, JsonNode payload) {
        if (fromVersion == targetVersion) {
            return Optional.of(payload); // nothing to change, so no copy to change it in
        }
        if (!(payload instanceof ObjectNode object)) {
            return Optional.empty();
        }
        ObjectNode current = object.deepCopy();
        for (int version = fromVersion; version < targetVersion; version++) {
            UnaryOperator<ObjectNode> step = STEPS.get(new Step(eventType, version));
            if (step == null) {
                return Optional.empty();
            }
            current = step.apply(current);
        }
        return Optional.of(current);
    }
}
