package org.openyjs.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for what a service does after its answer (processors, sagas, consumers), failing with what never happened. */
public final class Await {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration EVERY = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns once the condition holds; an AssertionError naming {@code what} if it never does within 60 s. */
    public static void until(BooleanSupplier condition, String what) {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Never true: " + what);
    }
}
