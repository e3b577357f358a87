package org.openyjs.kpi.population;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.SortedSet;

/**
 * Loads the estimates file named by {@code kpi.population.csv} at start, adding only service-years
 * not loaded yet, so revised figures uploaded through the admin endpoint survive a restart.
 */
@Component
public class PopulationLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PopulationLoader.class);

    @ConfigurationProperties("kpi.population")
    public record Settings(String csv) {
    }

    private final Settings settings;
    private final ResourceLoader resources;
    private final PopulationEstimates estimates;

    public PopulationLoader(Settings settings, ResourceLoader resources, PopulationEstimates estimates) {
        this.settings = settings;
        this.resources = resources;
        this.estimates = estimates;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (settings.csv() == null || settings.csv().isBlank()) {
            return;
        }
        Resource file = resources.getResource(settings.csv());
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            SortedSet<String> written = estimates.load(PopulationCsv.read(reader), settings.csv(), false);
            log.info("Population estimates from {}: loaded {}; other service-years were already loaded", settings.csv(),
                    written.isEmpty() ? "nothing new" : written);
        }
    }
}
