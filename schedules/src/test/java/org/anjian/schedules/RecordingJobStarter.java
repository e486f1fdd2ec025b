package org.anjian.schedules;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;

/**
 * Records every start; like Spring Batch's job repository it refuses a second start with
 * the same job name and identifying parameters. {@code instances} may be shared by
 * several starters, as two nodes share one repository.
 */
final class RecordingJobStarter implements JobStarter {

	record Call(String node, String jobName, Map<String, String> parameters, boolean refused) {
	}

	private final String node;

	private final List<Call> calls;

	private final Set<String> instances;

	RecordingJobStarter(String node, List<Call> calls, Set<String> instances) {
		this.node = node;
		this.calls = calls;
		this.instances = instances;
	}

	RecordingJobStarter(String node) {
		this(node, new CopyOnWriteArrayList<>(), ConcurrentHashMap.newKeySet());
	}

	@Override
	public void start(String jobName, Map<String, String> identifyingParameters) throws Exception {
		boolean fresh = instances.add(jobName + " " + identifyingParameters);
		calls.add(new Call(node, jobName, Map.copyOf(identifyingParameters), !fresh));
		if (!fresh) {
			throw new JobInstanceAlreadyCompleteException(
					"A job instance already exists and is complete for identifying parameters="
							+ identifyingParameters);
		}
	}

	List<Call> calls() {
		return calls;
	}

}
