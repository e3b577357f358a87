package org.openyjs.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.util.UUID;

/**
 * The demo issuer's signing key, encoder and the decoder that trusts it. The key lives only in
 * memory, so tokens die with the process: fine for a demo, and nothing secret is ever on disk.
 * Its {@link ReactiveJwtDecoder} replaces Boot's issuer-uri based one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDemoIssuer
class LocalIssuerConfiguration {

    @Bean
    RSAKey signingKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey signingKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKey)));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(RSAKey signingKey, DemoIssuerProperties properties) throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.demoIssuer().issuer()));
        return decoder;
    }

    @Bean
    LocalTokenIssuer localTokenIssuer(JwtEncoder jwtEncoder, DemoIssuerProperties properties) {
        return new LocalTokenIssuer(jwtEncoder, properties);
    }
}
