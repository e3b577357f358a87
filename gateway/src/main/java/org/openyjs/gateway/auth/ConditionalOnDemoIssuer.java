package org.openyjs.gateway.auth;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On unless {@code yjs.auth.demo-issuer.enabled=false}; production turns it off and points
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} at its own OIDC provider instead.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(prefix = "yjs.auth.demo-issuer", name = "enabled", matchIfMissing = true)
public @interface ConditionalOnDemoIssuer {
}
