package org.openyjs.panel;

import org.openyjs.testsupport.ServiceSecurityContract;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;

/** panel-service checks every caller itself: the checks every service shares, run against this one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT extends ServiceSecurityContract {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_security");
    }

    @Override
    protected Set<String> forAnySignedInUser() {
        return Set.of();
    }
}
