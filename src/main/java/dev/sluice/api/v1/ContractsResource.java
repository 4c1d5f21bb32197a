package dev.sluice.api.v1;

import dev.sluice.api.WriteIntake;
import dev.sluice.api.v1.generated.ContractsApi;
import dev.sluice.api.v1.model.ChangeOrderRequest;
import dev.sluice.api.v1.model.ContractRequest;
import dev.sluice.masterdata.ErpDocuments;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;

/** Contracts and change orders. */
public class ContractsResource implements ContractsApi {

    private final WriteIntake writes;
    private final ErpDocuments documents;

    ContractsResource(WriteIntake writes, ErpDocuments documents) {
        this.documents = documents;
        this.writes = writes;
    }

    @Override
    public Response upsertContract(String idempotencyKey, ContractRequest request, String correlationId, String prefer,
            String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(request), V1Answers.INSTANCE);
    }

    @Override
    public Response createChangeOrder(String contractNumber, String idempotencyKey, ChangeOrderRequest request,
            String correlationId, String prefer, String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(contractNumber, request),
                V1Answers.INSTANCE);
    }

    @Override
    public Response getContract(String contractNumber, String correlationId, String traceparent) {
        return documents.contract(contractNumber)
                .map(answer -> DocumentAnswers.ok(ApiMapper.contract(answer.document()), answer))
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "The ERP holds no contract "
                        + contractNumber + "; a contract accepted moments ago appears once its operation is POSTED"));
    }
}
