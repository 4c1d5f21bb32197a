package dev.sluice.api;

import dev.sluice.api.problem.ProblemException;
import dev.sluice.api.problem.ProblemKind;
import dev.sluice.api.v1.generated.ProjectsApi;
import dev.sluice.api.v1.model.ProjectRequest;
import dev.sluice.masterdata.ErpDocuments;
import jakarta.ws.rs.core.Response;

/** Projects and their tasks. */
public class ProjectsResource implements ProjectsApi {

    private final Writes writes;
    private final ErpDocuments documents;

    ProjectsResource(Writes writes, ErpDocuments documents) {
        this.documents = documents;
        this.writes = writes;
    }

    @Override
    public Response upsertProject(String idempotencyKey, ProjectRequest request, String correlationId, String prefer,
            String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(request));
    }

    @Override
    public Response getProject(String projectCode, String correlationId, String traceparent) {
        return documents.project(projectCode)
                .map(answer -> DocumentAnswers.ok(ApiMapper.project(answer.document()), answer))
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "The ERP holds no project "
                        + projectCode + "; a project accepted moments ago appears once its operation is POSTED"));
    }
}
