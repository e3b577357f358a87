package org.openyjs.support.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.openyjs.access.AccessPolicy;
import org.openyjs.access.AccessRule;
import org.openyjs.access.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The API document says how to call each operation: a bearer JWT ({@code bearer} scheme) and which
 * roles the matrix lets through ({@code x-roles}), read from the same {@link AccessPolicy} that decides.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(OpenApiCustomizer.class)
class OpenApiSecurity {

    static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer bearerSecurityOnEveryOperation() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An access token from the platform's OIDC issuer, with a roles claim"));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    declare(path, method, operation)));
        };
    }

    private static void declare(String path, PathItem.HttpMethod method, Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        // {childId} and the like stand for one segment, which is what * means in the matrix.
        AccessRule rule = AccessPolicy.service().ruleFor(method.name(), path.replaceAll("\\{[^/]+}", "x"));
        List<String> roles = switch (rule.who()) {
            case ROLES -> rule.roles().stream().map(Role::name).sorted().toList();
            case SIGNED_IN -> List.of("any signed-in user");
            case ANYONE -> List.of("anyone");
            case NOBODY -> List.of();
        };
        operation.addExtension("x-roles", roles);
    }
}
