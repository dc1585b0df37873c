package org.fanzha.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs: every API call takes a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI fanzhaOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Fanzha API")
                        .version("v1")
                        .description("反诈协同作战平台 — the REST API for staff and partner systems. Sign in with "
                                + "POST /api/v1/auth/token (staff) or use a partner token, and send it as "
                                + "'Authorization: Bearer …'. Errors are RFC 9457 problem details.")
                        .license(new License().name("open source")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "bearer",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "A staff token from POST /api/v1/auth/token (fzs_…) or a partner token (fzp_…)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
