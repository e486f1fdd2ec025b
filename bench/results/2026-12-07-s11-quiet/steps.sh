#!/bin/bash
# prints step durations of the last ingest job in a home's H2 job repository
java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar org.h2.tools.Shell -url "jdbc:h2:file:$1/batch/jobs" -user sa -sql "select step_name, datediff('MILLISECOND', start_time, end_time) ms from batch_step_execution where job_execution_id = (select max(job_execution_id) from batch_job_execution) order by step_execution_id" 2>&1 | tr '\n' ' '
