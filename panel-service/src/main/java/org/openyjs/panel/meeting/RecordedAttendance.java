package org.openyjs.panel.meeting;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads a meeting's attendance from its own event stream (not the read model, which may trail): the
 * quorum a decision is checked against is the one recorded when the decision is taken.
 */
@Component
public class RecordedAttendance implements MeetingAttendance {

    private final EventStore eventStore;

    public RecordedAttendance(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<AttendanceRecorded> latest(String panelId) {
        return eventStore.readEvents(panelId).asStream()
                .map(m -> m.getPayload())
                .filter(AttendanceRecorded.class::isInstance)
                .map(AttendanceRecorded.class::cast)
                .reduce((earlier, later) -> later);
    }
}
