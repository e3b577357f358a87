package org.openyjs.panel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** panel-service: the write side for the joint out-of-court disposal panel. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PanelServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PanelServiceApplication.class, args);
    }
}
