package dev.sluice.api.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract;
import dev.sluice.domain.Violation;
import dev.sluice.governance.CallContext;
import dev.sluice.governance.EdgeConfig;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import io.smallrye.config.SmallRyeConfig;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a request body that the contract types: caps its size, parses it strictly (no duplicate
 * members, nothing after the value), validates it against the contract's schema for that type,
 * and only then binds it. Every violation, the parameters' included, goes out in one problem.
 */
@Provider
public class BodyValidation implements ReaderInterceptor {

    private final CallContext call;
    private final ObjectMapper mapper;
    private final ObjectReader strictReader;

    BodyValidation(CallContext call, ObjectMapper mapper) {
        this.call = call;
        this.mapper = mapper;
        this.strictReader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Class<?> type = context.getType();
        Optional<OpenApiContract> typed = ApiContracts.ofModel(type).filter(c -> c.hasSchema(type.getSimpleName()));
        if (typed.isEmpty()) {
            return context.proceed();
        }
        OpenApiContract contract = typed.get();
        byte[] body = readCapped(context.getInputStream());
        List<Violation> violations = new ArrayList<>(call.parameterViolations());
        if (body.length == 0) {
            violations.add(new Violation("", "REQUIRED", "a JSON body is required"));
            throw ProblemException.of(ProblemKind.INVALID_REQUEST, violations);
        }
        JsonNode node = parse(body);
        violations.addAll(SchemaViolations.inBody(contract.schema(type.getSimpleName()).validate(node),
                contract.document()));
        if (!violations.isEmpty()) {
            throw ProblemException.of(ProblemKind.INVALID_REQUEST, violations);
        }
        call.body(node);
        return mapper.treeToValue(node, type);
    }

    /**
     * Read from the configuration per request, not injected: providers are built before runtime
     * configuration is available, and a mapping looked up this way needs no CDI bean. Looked up by
     * the application's own class loader, whatever the serving thread's context class loader is.
     */
    private static EdgeConfig limits() {
        return ConfigProvider.getConfig(BodyValidation.class.getClassLoader()).unwrap(SmallRyeConfig.class)
                .getConfigMapping(EdgeConfig.class);
    }

    private byte[] readCapped(InputStream in) throws IOException {
        int limit = limits().maxBodyBytes();
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE,
                    "The body is larger than the " + limit + " bytes accepted");
        }
        return body;
    }

    private JsonNode parse(byte[] body) {
        try {
            return strictReader.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProblemException(ProblemKind.MALFORMED_JSON, e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.MALFORMED_JSON, "The body could not be read as JSON");
        }
    }
}
