package org.openyjs.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The issuer, its signing key and its users. The demo users live in {@code application-local.yml} only;
 * elsewhere users come from the environment ({@code YJS_AUTHSERVER_USERS_0_USERNAME}, ...), secrets hashed
 * (<code>{bcrypt}...</code>).
 *
 * @param issuer    the {@code iss} of every token, also the base of the discovery document
 * @param tokenTtl  how long an access token lives
 * @param signingKey where the RSA signing key comes from
 * @param users     who may get a token: each is a client of its own (client credentials), see ADR 0009
 */
@Validated
@ConfigurationProperties("yjs.auth-server")
public record AuthServerProperties(@NotBlank String issuer,
                                   @NotNull @DefaultValue("1h") Duration tokenTtl,
                                   @Valid @DefaultValue SigningKey signingKey,
                                   @Valid @DefaultValue List<User> users) {

    /**
     * @param jwk              the key as a private JWK (JSON), e.g. from a secret store; wins over the file
     * @param file             a file holding the private JWK
     * @param generateIfMissing create the file with a fresh key when it is absent (local only)
     */
    public record SigningKey(String jwk, Path file, @DefaultValue("false") boolean generateIfMissing) {
    }

    public record User(@NotBlank String username, @NotBlank String secret, @NotEmpty List<String> roles) {
    }
}
