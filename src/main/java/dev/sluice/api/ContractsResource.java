package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.api.v1.generated.ContractsApi;
import dev.sluice.api.v1.model.ChangeOrderRequest;
import dev.sluice.api.v1.model.ContractRequest;
import dev.sluice.masterdata.ErpDocuments;
import jakarta.ws.rs.core.Response;

/** Contracts and change orders. */
public class ContractsResource implements ContractsApi {

    private final Writes writes;
    private final ErpDocuments documents;

    ContractsResource(Writes writes, ErpDocuments documents) {
        this.documents = documents;
        this.writes = writes;
    }

    @Override
    public Response upsertContract(String idempotencyKey, ContractRequest request, String correlationId, String prefer,
            String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(request));
    }

    @Override
    public Response createChangeOrder(String contractNumber, String idempotencyKey, ChangeOrderRequest request,
            String correlationId, String prefer, String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(contractNumber, request));
    }

    @Override
    public Response getContract(String contractNumber, String correlationId, String traceparent) {
        return documents.contract(contractNumber)
                .map(answer -> DocumentAnswers.ok(ApiMapper.contract(answer.document()), answer))
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "The ERP holds no contract "
                        + contractNumber + "; a contract accepted moments ago appears once its operation is POSTED"));
    }
}
