package dev.sluice.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.domain.ErpReference;
import dev.sluice.domain.OperationProblem;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads accepted operations. */
@ApplicationScoped
public class Operations {

    private static final TypeReference<List<ErpReference>> REFERENCES = new TypeReference<>() {
    };

    private final Json json;

    Operations(Json json) {
        this.json = json;
    }

    @Transactional
    public Optional<OperationSnapshot> find(UUID id) {
        return Optional.ofNullable(OperationRow.<OperationRow>findById(id)).map(this::snapshot);
    }

    OperationSnapshot snapshot(OperationRow row) {
        return new OperationSnapshot(row.id, row.type, row.status, row.clientId, row.correlationId, row.businessKey,
                row.acceptedAt, row.updatedAt, row.postedAt, row.attempts, references(row.erpReferences),
                row.problem == null ? null : json.read(row.problem, OperationProblem.class), row.validationDeferred);
    }

    List<ErpReference> references(String text) {
        try {
            return text == null ? List.of() : json.mapper().readValue(text, REFERENCES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored ERP references do not read", e);
        }
    }
}
