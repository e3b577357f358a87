package org.openyjs.kpi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.ZoneId;

/** The read side: derives KPIs from the integration topics into its own PostgreSQL read model. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KpiServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(KpiServiceApplication.class, args);
    }

    @Bean
    public OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("kpi-service").version("v1")
                .description("Youth justice KPIs derived from the integration events by named, versioned counting rules"));
    }

    /** Services report in English local time: "today" decides whether a period's figures are final. */
    @Bean
    public Clock clock() {
        return Clock.system(ZoneId.of("Europe/London"));
    }
}
