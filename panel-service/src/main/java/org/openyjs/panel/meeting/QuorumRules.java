package org.openyjs.panel.meeting;

import org.openyjs.panel.api.PanelCommands.Attendee;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the panel is quorate, from configuration ({@code panel.quorum}): the seeds name the panel as
 * joint police and youth justice service decision-making, so both agencies are required by default.
 */
@ConfigurationProperties("panel.quorum")
public record QuorumRules(int minimumAttendees, Set<String> requiredAgencies) {

    /** What keeps these attendees from being quorate; empty when they are. */
    public List<String> shortfall(List<Attendee> attendees) {
        List<String> missing = new ArrayList<>();
        if (attendees.size() < minimumAttendees) {
            missing.add("at least " + minimumAttendees + " attendees (" + attendees.size() + " present)");
        }
        Set<String> present = new TreeSet<>();
        attendees.forEach(a -> present.add(a.agency()));
        new TreeSet<>(requiredAgencies).stream().filter(agency -> !present.contains(agency))
                .forEach(agency -> missing.add("someone from " + agency));
        return missing;
    }
}
