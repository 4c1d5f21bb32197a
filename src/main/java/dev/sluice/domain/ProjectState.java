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

    public Optional<TaskTerms> task(String taskCode) {
        return tasks.stream().filter(t -> t.taskCode().equals(taskCode)).findFirst();
    }
}
