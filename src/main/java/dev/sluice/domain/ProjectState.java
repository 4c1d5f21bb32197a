package dev.sluice.domain;

import java.util.List;
import java.util.Optional;

/** A project as the ERP holds it. */
public record ProjectState(
        String projectCode,
        String contractNumber,
        String name,
        String projectManager,
        String description,
        Status status,
        List<TaskTerms> tasks,
        ErpReference reference) {

    public enum Status { ACTIVE, CLOSED }

    public ProjectState {
        tasks = List.copyOf(tasks);
    }

    /** The project as these terms create or replace it; {@code reference} null keeps the current one. */
    public static ProjectState upserted(ProjectState current, UpsertProject terms, ErpReference reference) {
        return new ProjectState(terms.projectCode(), terms.contractNumber(), terms.name(), terms.projectManager(),
                terms.description(), current == null ? Status.ACTIVE : current.status, terms.tasks(),
                reference != null || current == null ? reference : current.reference);
    }

    public Optional<TaskTerms> task(String taskCode) {
        return tasks.stream().filter(t -> t.taskCode().equals(taskCode)).findFirst();
    }
}
