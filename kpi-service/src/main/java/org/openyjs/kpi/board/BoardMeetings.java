package org.openyjs.kpi.board;

import org.openyjs.kpi.population.PopulationEstimates;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.ServiceScope;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Board meetings as entered (tables board_meeting, board_meeting_partner). The partners expected are the
 * KPI 8 rule's {@code partners} in force on the meeting day, stored with the meeting so a later rule version
 * does not rewrite who was expected at a past meeting.
 */
@Component
public class BoardMeetings {

    static final String RULE = "yjb-kpi-8-board-attendance";

    private final JdbcClient jdbc;
    private final RuleBook rules;
    private final PopulationEstimates populations;
    private final ServiceScope scope;
    private final Clock clock;

    public BoardMeetings(JdbcClient jdbc, RuleBook rules, PopulationEstimates populations, ServiceScope scope,
                         Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.populations = populations;
        this.scope = scope;
        this.clock = clock;
    }

    @Transactional
    public BoardMeeting record(BoardMeeting meeting, String enteredBy) {
        if (!populations.services().contains(meeting.youthJusticeService())) {
            throw new DomainRefusal("youthJusticeService", "unknown youth justice service '"
                    + meeting.youthJusticeService() + "'; known: " + String.join(", ", populations.services()));
        }
        if (meeting.heldOn().isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal("heldOn", "must not be in the future");
        }
        List<String> expected = partnersExpectedOn(meeting.heldOn());
        Set<String> attended = new HashSet<>();
        for (int i = 0; i < meeting.attended().size(); i++) {
            String partner = meeting.attended().get(i) == null ? ""
                    : meeting.attended().get(i).strip().toUpperCase(Locale.ROOT);
            if (!expected.contains(partner)) {
                throw new DomainRefusal("attended[" + i + "]", "'" + meeting.attended().get(i)
                        + "' is not a statutory partner; use one of " + expected);
            }
            if (!attended.add(partner)) {
                throw new DomainRefusal("attended[" + i + "]", "'" + partner + "' is listed twice");
            }
        }
        boolean exists = jdbc.sql("SELECT count(*) FROM board_meeting WHERE youth_justice_service = ? AND held_on = ?")
                .params(meeting.youthJusticeService(), meeting.heldOn()).query(Long.class).single() > 0;
        if (exists) {
            throw DomainRefusal.conflict("heldOn", "a board meeting of " + meeting.youthJusticeService() + " on "
                    + meeting.heldOn() + " is already recorded");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO board_meeting (meeting_id, youth_justice_service, held_on, entered_by) VALUES (?, ?, ?, ?)")
                .params(id, meeting.youthJusticeService(), meeting.heldOn(), enteredBy).update();
        for (String partner : expected) {
            jdbc.sql("INSERT INTO board_meeting_partner (meeting_id, partner, attended) VALUES (?, ?, ?)")
                    .params(id, partner, attended.contains(partner)).update();
        }
        return meetings(meeting.youthJusticeService(), meeting.heldOn(), meeting.heldOn()).get(0);
    }

    /** The service's meetings held within [from, to], oldest first. */
    public List<BoardMeeting> meetings(String service, LocalDate from, LocalDate to) {
        List<BoardMeeting> meetings = new ArrayList<>();
        jdbc.sql("""
                        SELECT m.meeting_id, m.youth_justice_service, m.held_on, m.entered_by, m.entered_at,
                               array_agg(p.partner ORDER BY p.partner) FILTER (WHERE p.attended) AS attended,
                               array_agg(p.partner ORDER BY p.partner) AS expected
                        FROM board_meeting m JOIN board_meeting_partner p ON p.meeting_id = m.meeting_id
                        WHERE m.youth_justice_service IN (:services) AND m.held_on BETWEEN :from AND :to
                        GROUP BY m.meeting_id ORDER BY m.held_on, m.youth_justice_service
                        """)
                .param("services", scope.services(service)).param("from", from).param("to", to)
                .query((rs, row) -> meetings.add(new BoardMeeting(rs.getObject("meeting_id", UUID.class),
                        rs.getString("youth_justice_service"), rs.getObject("held_on", LocalDate.class),
                        strings(rs.getArray("attended")), strings(rs.getArray("expected")), rs.getString("entered_by"),
                        rs.getTimestamp("entered_at").toInstant())))
                .list();
        return meetings;
    }

    /**
     * One unit per partner expected at each meeting held in the period (code: the partner; date: the meeting
     * day; event: the meeting id) and whether they attended; entered before the cut. Not a child's: no age or sex.
     */
    public record Seat(Counted unit, boolean attended) {
    }

    public List<Seat> seats(String service, LocalDate from, LocalDate to, Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT m.meeting_id, m.held_on, m.entered_at, p.partner, p.attended
                        FROM board_meeting m JOIN board_meeting_partner p ON p.meeting_id = m.meeting_id
                        WHERE m.youth_justice_service IN (:services) AND m.held_on BETWEEN :from AND :to
                          AND m.entered_at < :recordedBefore
                        ORDER BY m.held_on, m.meeting_id, p.partner
                        """)
                .param("services", scope.services(service)).param("from", from).param("to", to)
                .param("recordedBefore", Timestamp.from(recordedBefore == null ? Instant.parse("9999-12-31T00:00:00Z")
                        : recordedBefore))
                .query((rs, row) -> new Seat(new Counted(null, rs.getString("meeting_id"), rs.getString("partner"),
                        rs.getObject("held_on", LocalDate.class), rs.getTimestamp("entered_at").toInstant(), null, null,
                        null), rs.getBoolean("attended")))
                .list();
    }

    private List<String> partnersExpectedOn(LocalDate day) {
        List<CountingRule> versions = rules.of(RULE);
        CountingRule rule = versions.stream().filter(r -> r.inForceOn(day)).reduce((a, b) -> b)
                .orElse(versions.get(versions.size() - 1));
        return rule.listParameter("partners");
    }

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
