package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.StandalonePanelService;
import org.openyjs.panel.agenda.AgendaQueries;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.testsupport.Await;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision-due deadline set before panel-service stops still fires after it starts again (real
 * PostgreSQL): the deadline is a row in scheduled_tasks, not a timer in memory. The referral is made
 * today, so its due date is weeks away and the overdue sweep cannot be what marks it; while the service
 * is down the row's time is brought forward, as if those weeks had passed.
 */
class DeadlinesSurviveRestartIT {

    private static final String PAYLOAD_TYPE = "%$DecisionOverdue";

    @Test
    void a_deadline_scheduled_before_a_restart_fires_after_it() {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        String database = postgres.newDatabase("panel_restart");
        // The referral is sent as a command: other ITs' referrals (some due weeks ahead, some within their
        // late-referral grace) would leave deadlines of their own.
        String[] properties = StandalonePanelService.properties(database, "--panel.deadlines.polling-interval=PT1S");
        String child = "child-" + UUID.randomUUID();
        String referral = ReferralId.of(child, "o1");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

        try (ConfigurableApplicationContext before = StandalonePanelService.start(properties)) {
            before.getBean(CommandGateway.class).sendAndWait(
                    new ReceiveReferral(referral, child, "o1", "leicester-city", today, 2, true));
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            Await.until(() -> count(jdbc, "SELECT count(*) FROM scheduled_tasks") == 1, "the deadline is stored");
            Instant due = jdbc.queryForObject("SELECT execution_time FROM scheduled_tasks", java.sql.Timestamp.class)
                    .toInstant();
            assertThat(due).isAfter(Instant.now().plusSeconds(7 * 24 * 3600));
            assertThat(overdue(jdbc, referral)).isZero();
            // Not due by the service's own reckoning either: the overdue sweep will not be what marks it.
            Await.until(() -> before.getBean(AgendaQueries.class).referral(referral).isPresent(), "the referral is listed");
            assertThat(before.getBean(AgendaQueries.class).overdueUnmarked(today.plusDays(1), Instant.now())).doesNotContain(referral);
        }

        JdbcTemplate down = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database, postgres.username(), postgres.password()));
        assertThat(down.update("UPDATE scheduled_tasks SET execution_time = now() - interval '1 second'"))
                .isEqualTo(1);

        try (ConfigurableApplicationContext after = StandalonePanelService.start(properties)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            Await.until(() -> overdue(jdbc, referral) == 1, "the referral is marked overdue after the restart");
            Await.until(() -> count(jdbc, "SELECT count(*) FROM scheduled_tasks") == 0, "the fired deadline is gone");
        }
    }

    private static int overdue(JdbcTemplate jdbc, String referral) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Integer.class, referral, PAYLOAD_TYPE);
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
