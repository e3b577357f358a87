package org.openyjs.local;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openyjs.testsupport.TestInfrastructure;

/**
 * Gives a {@link PlatformUnderTest} parameter one platform shared by every test class that asks for it,
 * started on first use and stopped when the test run ends. Starting the five processes takes about 40 s of
 * both cores, so the end-to-end and browser tests share one; each records its children in years the other leaves
 * empty, so neither's children reach the other's figures. Logs go to {@code target/platform-logs}.
 */
public final class SharedPlatform implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PlatformUnderTest.class, type -> new Running(), Running.class).platform;
    }

    /** Closed by JUnit when the root context closes, after the last test class. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final PlatformUnderTest platform;

        Running() {
            try {
                platform = PlatformUnderTest.start("platform", TestInfrastructure.kafkaBootstrapServers());
            } catch (Exception e) {
                throw new IllegalStateException("the platform did not start", e);
            }
        }

        @Override
        public void close() {
            platform.close();
        }
    }
}
