package org.openyjs.panel.rebuild;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.StandalonePanelService;
import org.openyjs.panel.agenda.PanelReadModelProjection;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.panel.rebuild.RebuildStatus.State;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.testsupport.Await;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * panel-service dies after a rebuild's reset committed (read model emptied, replay tokens stored) and before
 * the replay finished: after the restart the replay carries on by itself, is reported as a rebuild resumed
 * after a restart (a new one is refused meanwhile), and ends with the read model as it was. And a rebuild after a
 * restart with another segment count gives the processor's tokens that count.
 */
class RebuildSurvivesRestartIT {

    @Test
    void a_replay_cut_short_by_a_restart_resumes_and_heals_the_read_model() throws Exception {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        String database = postgres.newDatabase("panel_rebuild_restart");
        String[] properties = StandalonePanelService.properties(database,
                // One event per batch, so the replay can be held after its first event (the meeting) has committed:
                // a pooled processor reports a segment's progress from its first committed batch on.
                "--axon.eventhandling.processors.panel-read-model.batch-size=1",
                // And one segment, so that the replay's position is that of the one held (with two, the other
                // segment's position depends on which segment each referral hashes to).
                "--axon.eventhandling.processors.panel-read-model.initial-segment-count=1");
        List<String> children = List.of("child-" + UUID.randomUUID(), "child-" + UUID.randomUUID());
        JdbcTemplate down = new JdbcTemplate(new DriverManagerDataSource(database, postgres.username(),
                postgres.password()));

        // Referred today: their deadlines are weeks away, so no event is added while the test runs.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        String before;
        try (ConfigurableApplicationContext first = StandalonePanelService.start(properties)) {
            first.getBean(CommandGateway.class).sendAndWait(new ScheduleMeeting("panel-" + UUID.randomUUID(), today));
            for (String child : children) {
                first.getBean(CommandGateway.class).sendAndWait(new ReceiveReferral(ReferralId.of(child, "o1"), child,
                        "o1", "leicester-city", today, 2, true));
            }
            Await.until(() -> referrals(down).contains(ReferralId.of(children.get(1), "o1"))
                    && referrals(down).contains(ReferralId.of(children.get(0), "o1")), "both referrals are listed");
            before = referrals(down);
            // The rebuild's reset, committed; then the service stops before it starts the processor again.
            StreamingEventProcessor processor = processor(first);
            processor.shutDown();
            processor.resetTokens();
        }
        assertThat(down.queryForObject("SELECT count(*) FROM referral_view", Integer.class)).isZero();
        long events = down.queryForObject("SELECT count(*) FROM domainevententry", Long.class);

        // A SHARE lock on referral_view holds the resumed replay at its first referral, after the meeting.
        try (Connection blocker = down.getDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE referral_view IN SHARE MODE");
            }
            try (ConfigurableApplicationContext second = StandalonePanelService.start(properties)) {
                ReadModelRebuild rebuild = second.getBean(ReadModelRebuild.class);
                Await.until(() -> rebuild.status().state() == State.RUNNING, "the replay is seen to resume");
                RebuildStatus resumed = rebuild.status();
                assertThat(resumed.resumedAfterRestart()).isTrue();
                assertThat(resumed.startedAt()).isNull();
                assertThat(resumed.eventsToReplay()).isEqualTo(events);
                assertThat(resumed.eventsReplayed()).isEqualTo(1);
                assertThat(rebuild.isRebuilding()).isTrue();
                assertThatThrownBy(rebuild::start).isInstanceOfSatisfying(DomainRefusal.class,
                        refusal -> assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT));

                blocker.rollback();
                Await.until(() -> !rebuild.isRebuilding(), "the resumed replay catches up");
                assertThat(referrals(down)).isEqualTo(before);
                assertThat(rebuild.status().state()).isEqualTo(State.IDLE);
            }
        }
    }

    /**
     * Axon applies initial-segment-count only to a processor without tokens: a deployment that had one segment
     * keeps it after the configuration says two, until a rebuild replaces its tokens with the configured count.
     */
    @Test
    void a_rebuild_gives_existing_tokens_the_configured_segment_count() {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        String database = postgres.newDatabase("panel_rebuild_segments");
        JdbcTemplate down = new JdbcTemplate(new DriverManagerDataSource(database, postgres.username(),
                postgres.password()));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        List<String> children = List.of("child-" + UUID.randomUUID(), "child-" + UUID.randomUUID(),
                "child-" + UUID.randomUUID());

        String before;
        try (ConfigurableApplicationContext one = StandalonePanelService.start(StandalonePanelService.properties(database,
                "--axon.eventhandling.processors.panel-read-model.initial-segment-count=1"))) {
            one.getBean(CommandGateway.class).sendAndWait(new ScheduleMeeting("panel-" + UUID.randomUUID(), today));
            for (String child : children) {
                one.getBean(CommandGateway.class).sendAndWait(new ReceiveReferral(ReferralId.of(child, "o1"), child,
                        "o1", "leicester-city", today, 2, true));
            }
            Await.until(() -> children.stream().allMatch(c -> referrals(down).contains(ReferralId.of(c, "o1"))),
                    "the referrals are listed");
            before = referrals(down);
        }
        assertThat(segments(down)).isEqualTo(1);

        try (ConfigurableApplicationContext two = StandalonePanelService.start(StandalonePanelService.properties(database,
                "--axon.eventhandling.processors.panel-read-model.initial-segment-count=2"))) {
            assertThat(segments(down)).as("tokens kept from before").isEqualTo(1);
            ReadModelRebuild rebuild = two.getBean(ReadModelRebuild.class);
            rebuild.start();
            Await.until(() -> rebuild.status().state() != State.RUNNING, "the rebuild finishes");
            assertThat(rebuild.status().state()).isEqualTo(State.COMPLETED);
            assertThat(segments(down)).isEqualTo(2);
            assertThat(referrals(down)).isEqualTo(before);

            // Both segments go on with new events.
            List<String> more = List.of("child-" + UUID.randomUUID(), "child-" + UUID.randomUUID(),
                    "child-" + UUID.randomUUID(), "child-" + UUID.randomUUID());
            for (String child : more) {
                two.getBean(CommandGateway.class).sendAndWait(new ReceiveReferral(ReferralId.of(child, "o1"), child,
                        "o1", "leicester-city", today, 2, true));
            }
            Await.until(() -> more.stream().allMatch(c -> referrals(down).contains(ReferralId.of(c, "o1"))),
                    "the new referrals are listed");
        }
    }

    private static int segments(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?", Integer.class,
                PanelReadModelProjection.PROCESSING_GROUP);
    }

    private static String referrals(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT * FROM referral_view ORDER BY referral_id").toString();
    }

    private static StreamingEventProcessor processor(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(PanelReadModelProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
    }
}
