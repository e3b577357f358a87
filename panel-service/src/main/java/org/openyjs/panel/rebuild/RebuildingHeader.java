package org.openyjs.panel.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * While the read models are being rebuilt their endpoints answer as usual, from what has been replayed so
 * far: the agenda, decisions and reports may be partial. Such answers say so with
 * {@code Read-Model-Rebuilding: true}, so a client can tell a short list from an incomplete one.
 */
@Configuration
public class RebuildingHeader implements WebMvcConfigurer {

    public static final String NAME = "Read-Model-Rebuilding";

    // Looked up on first use: MVC configuration is built before Axon's processors are.
    private final ObjectProvider<ReadModelRebuild> rebuild;

    public RebuildingHeader(ObjectProvider<ReadModelRebuild> rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if ("GET".equals(request.getMethod()) && rebuild.getObject().isRebuilding()) {
                    response.setHeader(NAME, "true");
                }
                return true;
            }
        }).addPathPatterns("/panels", "/panels/**", "/referrals", "/referrals/**", "/decisions", "/timeliness",
                "/overrides", "/scrutiny/**").excludePathPatterns("/panels/admin/**");
    }
}
