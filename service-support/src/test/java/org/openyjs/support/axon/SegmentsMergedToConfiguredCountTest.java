package org.openyjs.support.axon;

import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsMergedToConfiguredCountTest {

    @Test
    void two_equal_siblings_are_mergeable() {
        assertThat(SegmentsMergedToConfiguredCount.mergeable(new int[]{0, 1})).map(Segment::getSegmentId).hasValue(0);
    }

    @Test
    void among_uneven_segments_the_finest_pair_is_merged_first() {
        // 0 (mask 1) and 1, 3 (mask 3): only 1 and 3 are siblings of the same size.
        assertThat(SegmentsMergedToConfiguredCount.mergeable(new int[]{0, 1, 3}))
                .map(Segment::getSegmentId).hasValueSatisfying(id -> assertThat(id).isIn(1, 3));
    }

    @Test
    void sixteen_segments_merge_pair_by_pair_down_to_one() {
        int[] segments = IntStream.range(0, 16).toArray();
        int merges = 0;
        while (segments.length > 1) {
            Segment pick = SegmentsMergedToConfiguredCount.mergeable(segments).orElseThrow();
            int sibling = pick.mergeableSegmentId();
            int kept = Math.min(pick.getSegmentId(), sibling);
            int gone = Math.max(pick.getSegmentId(), sibling);
            segments = Arrays.stream(segments).filter(s -> s != gone).toArray();
            assertThat(segments).contains(kept);
            merges++;
        }
        assertThat(merges).isEqualTo(15);
        assertThat(segments).containsExactly(0);
    }

    @Test
    void a_single_segment_has_nothing_to_merge() {
        assertThat(SegmentsMergedToConfiguredCount.mergeable(new int[]{0})).isEmpty();
    }
}
