package dev.sluice.domain;

import java.util.List;
import java.util.Optional;

/** Create the project, or replace the project with the same code, with its tasks. */
public record UpsertProject(
        String projectCode,
        String contractNumber,
        String name,
        String projectManager,
        String description,
        List<TaskTerms> tasks) implements Command {

    public UpsertProject {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    @Override
    public OperationType type() {
        return OperationType.PROJECT_UPSERT;
    }

    @Override
    public String businessKey() {
        return projectCode;
    }

    public Optional<TaskTerms> task(String taskCode) {
        return tasks.stream().filter(t -> t.taskCode().equals(taskCode)).findFirst();
    }
}
