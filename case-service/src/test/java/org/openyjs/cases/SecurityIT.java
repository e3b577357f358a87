package org.openyjs.cases;

import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.ServiceSecurityContract;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** case-service checks every caller itself: the checks every service shares, run against this one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT extends ServiceSecurityContract {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_security");
    }

    @Autowired
    ApplicationContext context;

    /**
     * Every check above runs through this chain: Spring Security's own, without the wrapper that looks up each
     * request's MVC handler before it (WebMvcSecurityConfiguration's; WebSecurityConfiguration's, which only
     * parses the path, stays).
     */
    @Test
    void theSecurityChainIsNotWrappedInAHandlerLookUp() {
        Object chain = context.getBean("springSecurityFilterChain");
        assertThat(chain).isInstanceOf(FilterChainProxy.class);
        assertThat(chain.getClass().getName()).doesNotContain("WebMvcSecurityConfiguration");
    }

    @Override
    protected Set<String> forAnySignedInUser() {
        return Set.of("GET /reference/ethnicities", "GET /reference/offence-categories",
                "GET /reference/order-types", "GET /reference/outcomes");
    }
}
