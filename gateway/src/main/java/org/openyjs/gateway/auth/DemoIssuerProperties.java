package org.openyjs.gateway.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/** The local issuer's settings and its demo users, all from application.yml. */
@Validated
@ConfigurationProperties("yjs.auth")
public record DemoIssuerProperties(@Valid @DefaultValue DemoIssuer demoIssuer,
                                   @Valid @DefaultValue List<DemoUser> demoUsers) {

    public record DemoIssuer(@NotBlank @DefaultValue("yjs-local-issuer") String issuer,
                             @NotNull @DefaultValue("1h") Duration tokenTtl) {
    }

    public record DemoUser(@NotBlank String username, @NotBlank String password, @NotEmpty List<String> roles) {
    }
}
