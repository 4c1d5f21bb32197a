package dev.sluice.api.v1;

import dev.sluice.api.OperationAnswers;
import dev.sluice.delivery.OperationSnapshot;
import java.util.UUID;

/** Accepted operations as version 1 of the API answers them, followed at {@code /api/v1/operations/{id}}. */
final class V1Answers implements OperationAnswers {

    static final V1Answers INSTANCE = new V1Answers();

    private V1Answers() {
    }

    @Override
    public Object operation(OperationSnapshot operation) {
        return ApiMapper.operation(operation);
    }

    @Override
    public String location(UUID operationId) {
        return "/api/v1/operations/" + operationId;
    }
}
