package org.openyjs.dashboard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import java.net.URI;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Serves the dashboard's entry page at {@code /dashboard/} (the files themselves are plain classpath
 * static resources under {@code static/dashboard/}, Chart.js under {@code /webjars/}), and gives its
 * pages a strict Content-Security-Policy: everything from this origin, nothing inline, no CDN.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class DashboardAutoConfiguration {

    static final String PATH = "/dashboard/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> dashboardEntryPage() {
        Resource index = new ClassPathResource("static/dashboard/index.html");
        return route(GET("/dashboard"), request -> ServerResponse.temporaryRedirect(URI.create(PATH)).build())
                .andRoute(GET(PATH), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(index));
    }

    @Bean
    WebFilter dashboardContentSecurityPolicy() {
        return (exchange, chain) -> {
            if (exchange.getRequest().getPath().value().startsWith("/dashboard")) {
                exchange.getResponse().getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            return chain.filter(exchange);
        };
    }
}
