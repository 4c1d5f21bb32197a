package dev.sluice.api.v1;

import dev.sluice.api.WriteIntake;
import dev.sluice.api.v1.generated.ProjectsApi;
import dev.sluice.api.v1.model.ProjectRequest;
import dev.sluice.masterdata.ErpDocuments;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;

/** Projects and their tasks. */
public class ProjectsResource implements ProjectsApi {

    private final WriteIntake writes;
    private final ErpDocuments documents;

    ProjectsResource(WriteIntake writes, ErpDocuments documents) {
        this.documents = documents;
        this.writes = writes;
    }

    @Override
    public Response upsertProject(String idempotencyKey, ProjectRequest request, String correlationId, String prefer,
            String traceparent) {
        return writes.accept(idempotencyKey, prefer, ApiMapper.command(request), V1Answers.INSTANCE);
    }

    @Override
    public Response getProject(String projectCode, String correlationId, String traceparent) {
        return documents.project(projectCode)
                .map(answer -> DocumentAnswers.ok(ApiMapper.project(answer.document()), answer))
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "The ERP holds no project "
                        + projectCode + "; a project accepted moments ago appears once its operation is POSTED"));
    }
}
