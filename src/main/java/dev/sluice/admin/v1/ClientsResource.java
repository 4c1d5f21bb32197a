package dev.sluice.admin.v1;

import dev.sluice.admin.ClientAdministration;
import dev.sluice.admin.v1.generated.ClientsApi;
import dev.sluice.admin.v1.model.Client;
import dev.sluice.admin.v1.model.ClientChange;
import dev.sluice.admin.v1.model.ClientPage;
import dev.sluice.admin.v1.model.ClientRegistration;
import dev.sluice.admin.v1.model.ClientSecret;
import dev.sluice.admin.v1.model.ClientWithSecret;
import dev.sluice.api.Cursors;
import dev.sluice.domain.Page;
import dev.sluice.governance.CallContext;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** OAuth client management for security teams. */
public class ClientsResource implements ClientsApi {

    private final ClientAdministration clients;
    private final CallContext call;
    private final Cursors cursors;

    ClientsResource(ClientAdministration clients, CallContext call, Cursors cursors) {
        this.clients = clients;
        this.call = call;
        this.cursors = cursors;
    }

    @Override
    public Response registerClient(ClientRegistration r, String correlationId) {
        ClientAdministration.Registered registered = clients.register(r.getName(), r.getOwnerTeam(),
                List.copyOf(r.getScopes()), r.getRatePlan(), r.getContact());
        ClientAdministration.ClientView c = registered.client();
        ClientWithSecret body = new ClientWithSecret()
                .clientId(c.clientId()).name(c.name()).ownerTeam(c.ownerTeam()).contact(c.contact())
                .scopes(c.scopes()).ratePlan(c.ratePlan()).enabled(c.enabled())
                .createdAt(c.createdAt()).updatedAt(c.updatedAt())
                .clientSecret(registered.secret());
        return Response.status(Response.Status.CREATED).header("Location", "/admin/v1/clients/" + c.clientId())
                .entity(body).build();
    }

    @Override
    public Response listClients(Integer limit, String after, String correlationId) {
        Page<ClientAdministration.ClientView> page = clients.list(after == null ? null : cursors.decode(after), limit);
        String next = page.nextAfter() == null ? null
                : "/admin/v1/clients?limit=" + limit + "&after=" + cursors.encode(page.nextAfter());
        return Response.ok(new ClientPage().items(page.items().stream().map(ClientsResource::client).toList())
                .next(next)).build();
    }

    @Override
    public Response getClient(String clientId, String correlationId) {
        return Response.ok(client(clients.find(clientId)
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "No client " + clientId)))).build();
    }

    @Override
    public Response changeClient(String clientId, ClientChange change, String correlationId) {
        // a member left out stays as it is; the model cannot tell an absent list from an empty one
        List<String> scopes = call.body().has("scopes") ? List.copyOf(change.getScopes()) : null;
        return Response.ok(client(clients.change(clientId, scopes, change.getRatePlan()))).build();
    }

    @Override
    public Response rotateClientSecret(String clientId, String correlationId) {
        return Response.ok(new ClientSecret().clientId(clientId).clientSecret(clients.rotateSecret(clientId))).build();
    }

    @Override
    public Response disableClient(String clientId, String correlationId) {
        return Response.ok(client(clients.setEnabled(clientId, false))).build();
    }

    @Override
    public Response enableClient(String clientId, String correlationId) {
        return Response.ok(client(clients.setEnabled(clientId, true))).build();
    }

    private static Client client(ClientAdministration.ClientView c) {
        return new Client().clientId(c.clientId()).name(c.name()).ownerTeam(c.ownerTeam()).contact(c.contact())
                .scopes(c.scopes()).ratePlan(c.ratePlan()).enabled(c.enabled())
                .createdAt(c.createdAt()).updatedAt(c.updatedAt());
    }
}
