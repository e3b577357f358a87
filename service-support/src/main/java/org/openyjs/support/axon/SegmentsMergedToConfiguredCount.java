package org.openyjs.support.axon;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Brings a streaming processor that has more segments than its configured {@code initial-segment-count} down to that
 * count, by merging segments one pair at a time through the processor (Axon merges the pair's tokens, so no event is
 * handled twice or skipped). Axon applies {@code initial-segment-count} only to a processor without tokens, so a
 * processor that once started with more keeps them for ever otherwise.
 *
 * <p>Why it matters: panel-service's saga processors had Axon's default of 16 segments, and each segment looks up a
 * saga's associations for every event it is offered, so a referral cost 16 look-ups per saga type instead of one
 * (69,408 look-ups and 14,795 token updates for 7,221 events in a 28,000-event import). Merging runs in the
 * background after start-up: until it ends the processor works as before, only slower. Only merges: a processor with
 * fewer segments than configured is left as it is.
 */
public class SegmentsMergedToConfiguredCount implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(SegmentsMergedToConfiguredCount.class);

    /** How long one merge may take; and how long to keep trying while the processor has not claimed a pair yet. */
    private static final Duration MERGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final EventProcessorProperties properties;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;

    public SegmentsMergedToConfiguredCount(EventProcessorProperties properties, EventProcessingConfiguration processing,
                                           TokenStore tokenStore, TransactionManager transactions) {
        this.properties = properties;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Map<String, Integer> configured = properties.getProcessors().entrySet().stream()
                .filter(e -> e.getValue().getInitialSegmentCount() != null && e.getValue().getInitialSegmentCount() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getInitialSegmentCount()));
        if (configured.isEmpty()) {
            return;
        }
        Thread merging = new Thread(() -> configured.forEach(this::mergeDownTo), "segment-merger");
        merging.setDaemon(true);
        merging.start();
    }

    /** Merges the processor's segments until it has {@code target}; true when it has that many or fewer. */
    boolean mergeDownTo(String name, int target) {
        Optional<StreamingEventProcessor> found = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty()) {
            return true; // not a streaming processor in this service: nothing has segments
        }
        StreamingEventProcessor processor = found.get();
        int[] segments = segments(name);
        if (segments.length <= target) {
            return true;
        }
        log.info("Processor {} has {} segments, configured {}: merging them", name, segments.length, target);
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (segments.length > target) {
            if (Thread.currentThread().isInterrupted()) {
                return false; // the service is stopping
            }
            if (Instant.now().isAfter(giveUp)) {
                log.warn("Processor {} still has {} segments (configured {}) after {}: left as it is; it works, only"
                        + " slower (another instance may hold some of its segments)", name, segments.length, target,
                        GIVE_UP_AFTER);
                return false;
            }
            Optional<Segment> pair = mergeable(segments);
            if (pair.isEmpty()) {
                log.warn("Processor {}: no two of its segments {} can be merged; left as it is", name,
                        Arrays.toString(segments));
                return false;
            }
            if (!merge(processor, pair.get())) {
                sleep(RETRY_EVERY); // its segments not claimed yet (just started) or being claimed elsewhere
            }
            segments = segments(name);
        }
        log.info("Processor {} now has {} segment(s)", name, segments.length);
        return true;
    }

    /** The finest segment whose sibling (the one it was split from, of the same size) is there too: those two can merge. */
    static Optional<Segment> mergeable(int[] segmentIds) {
        Segment[] segments = Segment.computeSegments(segmentIds);
        return Arrays.stream(segments)
                .filter(s -> Arrays.stream(segments).anyMatch(other -> other != s && s.isMergeableWith(other)))
                .max(Comparator.comparingInt(Segment::getMask));
    }

    private static boolean merge(StreamingEventProcessor processor, Segment segment) {
        try {
            return Boolean.TRUE.equals(processor.mergeSegment(segment.getSegmentId())
                    .get(MERGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Merging segment {} of {} did not succeed: {}", segment.getSegmentId(), processor.getName(),
                    e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int[] segments(String name) {
        return transactions.fetchInTransaction(() -> tokenStore.fetchSegments(name));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
