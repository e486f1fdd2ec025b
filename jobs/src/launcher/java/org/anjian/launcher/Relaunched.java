package org.anjian.launcher;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The child JVM's entry point when {@link Relaunch} runs a command: arguments are the
 * waiting launcher's pid, the application's main class, then the command's own
 * arguments. Copied into the cached jar of the application's classes (it uses nothing
 * of Boot's loader).
 */
public final class Relaunched {

	private Relaunched() {
	}

	public static void main(String[] args) throws Throwable {
		// the launcher killed outright (kill -9 of the pid the user sees) cannot stop us:
		// exit as on SIGTERM rather than run on unseen
		ProcessHandle.of(Long.parseLong(args[0]))
			.ifPresentOrElse(launcher -> launcher.onExit().thenRun(Relaunched::orphaned), Relaunched::orphaned);
		try {
			Class.forName(args[1])
				.getMethod("main", String[].class)
				.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private static void orphaned() {
		System.exit(143);
	}

}
