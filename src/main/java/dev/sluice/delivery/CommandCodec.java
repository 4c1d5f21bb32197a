package dev.sluice.delivery;

import dev.sluice.domain.AmendContract;
import dev.sluice.domain.ApproveTime;
import dev.sluice.domain.Command;
import dev.sluice.domain.CompleteMilestone;
import dev.sluice.domain.OperationType;
import dev.sluice.domain.UpsertContract;
import dev.sluice.domain.UpsertProject;
import dev.sluice.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;

/** Commands as the operation and outbox tables keep them. */
@ApplicationScoped
class CommandCodec {

    private final Json json;

    CommandCodec(Json json) {
        this.json = json;
    }

    String write(Command command) {
        return json.write(command);
    }

    Command read(OperationType type, String text) {
        return json.read(text, classOf(type));
    }

    private static Class<? extends Command> classOf(OperationType type) {
        return switch (type) {
            case CONTRACT_UPSERT -> UpsertContract.class;
            case CHANGE_ORDER -> AmendContract.class;
            case PROJECT_UPSERT -> UpsertProject.class;
            case TIME_APPROVAL -> ApproveTime.class;
            case MILESTONE_COMPLETION -> CompleteMilestone.class;
        };
    }
}
