package org.openyjs.cases.access;

import org.openyjs.cases.restriction.RestrictionGuard;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class AccessAuditConfiguration implements WebMvcConfigurer {

    private final CaseAccessAudit audit;
    private final RestrictionGuard restrictionGuard;

    public AccessAuditConfiguration(CaseAccessAudit audit, RestrictionGuard restrictionGuard) {
        this.audit = audit;
        this.restrictionGuard = restrictionGuard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The audit first: it then records the attempts the restriction guard refuses.
        registry.addInterceptor(audit).addPathPatterns("/cases/**");
        registry.addInterceptor(restrictionGuard).addPathPatterns("/cases/**");
    }
}
