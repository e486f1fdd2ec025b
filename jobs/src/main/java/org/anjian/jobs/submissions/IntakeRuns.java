package org.anjian.jobs.submissions;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.anjian.jobs.system.RunProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The intake runs open in this process, each with its own {@link IntakeTally}. The run
 * layer opens one per run and passes its token as the non-identifying job parameter
 * {@value #PARAMETER}; the intake step's step-scoped parts find their run's tally by it,
 * so no per-run state lives in a singleton.
 */
@Component
public class IntakeRuns {

	/**
	 * Job parameter naming the run (not identifying: a restart is the same job instance).
	 */
	public static final String PARAMETER = "run";

	private static final Logger log = LoggerFactory.getLogger(IntakeRuns.class);

	private final Map<String, IntakeTally> open = new ConcurrentHashMap<>();

	/**
	 * Registers a run's tally; returns the token to pass as job parameter
	 * {@value #PARAMETER}.
	 */
	public String open(IntakeTally tally) {
		String token = UUID.randomUUID().toString();
		open.put(token, tally);
		return token;
	}

	public void close(String token) {
		open.remove(token);
	}

	/**
	 * The tally of the run {@code token}; an execution no run of this process opened
	 * reports into the log.
	 */
	IntakeTally tally(String token) {
		return open.computeIfAbsent(token == null ? "" : token, t -> new IntakeTally(RunProgress.logging(log)));
	}

}
