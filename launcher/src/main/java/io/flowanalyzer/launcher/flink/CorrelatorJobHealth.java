package io.flowanalyzer.launcher.flink;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Health of the correlator job on the embedded MiniCluster: UP while the job is RUNNING. */
public final class CorrelatorJobHealth implements HealthIndicator {
    private final JobClient job;

    public CorrelatorJobHealth(JobClient job) {
        this.job = job;
    }

    @Override
    public Health health() {
        try {
            JobStatus status = job.getJobStatus().get(3, TimeUnit.SECONDS);
            Health.Builder health = status == JobStatus.RUNNING ? Health.up() : Health.down();
            return health.withDetail("job", job.getJobID().toString())
                    .withDetail("status", status.name())
                    .build();
        } catch (Exception e) {
            return Health.down()
                    .withDetail(
                            "error",
                            "the job's status is unknown: " + e.getClass().getSimpleName())
                    .build();
        }
    }
}
