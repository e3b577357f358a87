package org.openyjs.support.axon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon 4.12 calls AxonIQ's update-check server at start unless this system property is set.
 * A system holding children's data does not phone home, so it is set before anything starts.
 */
public class NoPhoneHome implements EnvironmentPostProcessor {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        System.setProperty(UPDATE_CHECKER_DISABLED, "true");
    }
}
