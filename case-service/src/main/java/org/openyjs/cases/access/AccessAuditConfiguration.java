package org.openyjs.cases.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class AccessAuditConfiguration implements WebMvcConfigurer {

    private final CaseAccessAudit audit;

    public AccessAuditConfiguration(CaseAccessAudit audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(audit).addPathPatterns("/cases/**");
    }
}
