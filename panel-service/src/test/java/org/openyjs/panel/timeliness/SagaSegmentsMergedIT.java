package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.StandalonePanelService;
import org.openyjs.panel.api.ReferralCommands.CloseOnOutcomeElsewhere;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.testsupport.Await;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment whose saga processors started with Axon's default of 16 segments gets the one segment now configured
 * when it starts again (real PostgreSQL), and its sagas carry on as they were: the referral received before is not
 * taken up a second time (one saga, one deadline), its close cancels the deadline, and a new referral gets one.
 */
class SagaSegmentsMergedIT {

    private static final String TIMELINESS = "DecisionTimelinessSagaProcessor";
    private static final String CONDITIONS_END = "ConditionsEndSagaProcessor";

    @Test
    void saga_processors_started_with_sixteen_segments_are_merged_to_one_and_their_sagas_carry_on() {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        String database = postgres.newDatabase("panel_segments");
        String[] properties = StandalonePanelService.properties(database);
        String[] asBefore = StandalonePanelService.properties(database,
                "--axon.eventhandling.processors." + TIMELINESS + ".initial-segment-count=16",
                "--axon.eventhandling.processors." + CONDITIONS_END + ".initial-segment-count=16");
        String child = "child-" + UUID.randomUUID();
        String first = ReferralId.of(child, "o1");
        String second = ReferralId.of(child, "o2");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

        try (ConfigurableApplicationContext before = StandalonePanelService.start(asBefore)) {
            JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
            Await.until(() -> segments(jdbc, TIMELINESS) == 16 && segments(jdbc, CONDITIONS_END) == 16,
                    "both saga processors start with 16 segments");
            before.getBean(CommandGateway.class).sendAndWait(
                    new ReceiveReferral(first, child, "o1", "leicester-city", today, 2, true));
            Await.until(() -> count(jdbc, "SELECT count(*) FROM scheduled_tasks") == 1, "the first deadline is stored");
        }

        try (ConfigurableApplicationContext after = StandalonePanelService.start(properties)) {
            JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
            Await.until(() -> segments(jdbc, TIMELINESS) == 1 && segments(jdbc, CONDITIONS_END) == 1,
                    "both saga processors are merged down to one segment");
            assertThat(count(jdbc, "SELECT count(*) FROM sagaentry")).as("sagas").isEqualTo(1);
            assertThat(count(jdbc, "SELECT count(*) FROM scheduled_tasks")).as("deadlines").isEqualTo(1);

            CommandGateway commands = after.getBean(CommandGateway.class);
            commands.sendAndWait(new CloseOnOutcomeElsewhere(first, "YOUTH_CAUTION", today));
            Await.until(() -> count(jdbc, "SELECT count(*) FROM scheduled_tasks") == 0
                    && count(jdbc, "SELECT count(*) FROM sagaentry") == 0, "the close ends the saga and its deadline");

            commands.sendAndWait(new ReceiveReferral(second, child, "o2", "leicester-city", today, 2, true));
            Await.until(() -> count(jdbc, "SELECT count(*) FROM scheduled_tasks") == 1
                    && count(jdbc, "SELECT count(*) FROM sagaentry") == 1, "a new referral gets its saga and deadline");
            assertThat(segments(jdbc, TIMELINESS)).isEqualTo(1);
        }
    }

    private static int segments(JdbcTemplate jdbc, String processor) {
        return jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?", Integer.class, processor);
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
