package dev.sluice.admin.v1;

import dev.sluice.admin.v1.generated.MasterDataApi;
import dev.sluice.admin.v1.model.MasterDataRefresh;
import dev.sluice.admin.v1.model.MasterDataTypeRefresh;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.masterdata.MasterDataSync;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Reads the ERPs' master data again on an operator's word, without waiting for the background sync. */
public class MasterDataRefreshResource implements MasterDataApi {

    private final MasterDataSync sync;
    private final ErpRouting routing;

    MasterDataRefreshResource(MasterDataSync sync, ErpRouting routing) {
        this.sync = sync;
        this.routing = routing;
    }

    @Override
    public Response refreshMasterData(String backend, String correlationId) {
        if (backend != null && routing.backend(backend).isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No ERP backend " + backend + " is routed; the backends are "
                    + routing.backends().stream().map(b -> b.name()).toList());
        }
        MasterDataRefresh answer = new MasterDataRefresh();
        sync.refresh(Optional.ofNullable(backend)).forEach(o -> answer.addTypesItem(new MasterDataTypeRefresh()
                .backend(o.backend())
                .type(MasterDataTypeRefresh.TypeEnum.fromValue(o.type().name()))
                .outcome(o.refreshed() ? MasterDataTypeRefresh.OutcomeEnum.REFRESHED
                        : MasterDataTypeRefresh.OutcomeEnum.FAILED)
                .records(o.records())
                .detail(o.detail())));
        return Response.ok(answer).build();
    }
}
