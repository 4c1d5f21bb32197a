package dev.sluice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.contract.OpenApiContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Serves the contracts as authored ({@code /q/openapi} for the API, {@code /q/openapi/admin} for
 * the admin API; {@code ?format=json} for JSON) and Swagger UI over both ({@code /q/swagger-ui}),
 * in every profile.
 */
@ApplicationScoped
public class ContractDocuments {

    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    void routes(@Observes Router router, ObjectMapper mapper) {
        serve(router, "/q/openapi", OpenApiContract.v1(), mapper);
        serve(router, "/q/openapi/admin", OpenApiContract.adminV1(), mapper);
        Buffer page = Buffer.buffer(swaggerPage(), StandardCharsets.UTF_8.name());
        // Vert.x matches an exact route with or without its trailing slash, so one route serves
        // both and redirects only the form without it (two routes redirected the page to itself)
        router.get("/q/swagger-ui").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                html(ctx, page);
            } else {
                ctx.redirect("/q/swagger-ui/");
            }
        });
    }

    private static void serve(Router router, String path, OpenApiContract contract, ObjectMapper mapper) {
        Buffer yaml = Buffer.buffer(contract.source());
        Buffer json;
        try {
            json = Buffer.buffer(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(contract.document()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        router.get(path).handler(ctx -> {
            boolean asJson = "json".equalsIgnoreCase(ctx.request().getParam("format"))
                    || (ctx.request().getHeader("Accept") != null
                    && ctx.request().getHeader("Accept").contains("application/json"));
            ctx.response()
                    .putHeader("Content-Type", asJson ? "application/json" : "application/yaml;charset=UTF-8")
                    .end(asJson ? json : yaml);
        });
    }

    private static void html(RoutingContext ctx, Buffer page) {
        ctx.response().putHeader("Content-Type", "text/html;charset=UTF-8").end(page);
    }

    private static String swaggerPage() {
        String assets = "/webjars/swagger-ui/" + webjarVersion();
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Sluice API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', deepLinking: true,
                      layout: 'StandaloneLayout',
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      urls: [ { url: '/q/openapi', name: 'Sluice API v1' },
                              { url: '/q/openapi/admin', name: 'Sluice Admin API v1' } ] });
                  </script>
                </body>
                </html>
                """.formatted(assets);
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("The Swagger UI web jar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
